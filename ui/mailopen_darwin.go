package ui

// linkOpener is macOS's opener of links.
const linkOpener = "open"
