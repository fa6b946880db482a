package fetch

// Council is a council's ModernGov site the window knows by name.
type Council struct {
	Name, NameCy string // the council, in English and in Welsh
	Address      string // the site, as fetch.NormalizeSite takes it
	// Panel, PanelCy and PanelID name the police and crime panel the
	// council hosts, if any, and its committee id on the site (0 unknown).
	Panel, PanelCy string
	PanelID        int
}

// Councils is the built-in list of councils' ModernGov sites: the Welsh
// councils whose committee pages are ModernGov, and so the hosts of the
// four Welsh police and crime panels. It is a convenience, not a limit:
// any other ModernGov site is followed by pasting its address, and a
// council that moves its site is followed at its new address the same way.
var Councils = []Council{
	{Name: "Bridgend County Borough Council", NameCy: "Cyngor Bwrdeistref Sirol Pen-y-bont ar Ogwr", Address: "democratic.bridgend.gov.uk"},
	{Name: "Caerphilly County Borough Council", NameCy: "Cyngor Bwrdeistref Sirol Caerffili", Address: "democracy.caerphilly.gov.uk",
		Panel: "Gwent Police and Crime Panel", PanelCy: "Panel Heddlu a Throseddu Gwent"},
	{Name: "Cardiff Council", NameCy: "Cyngor Caerdydd", Address: "cardiff.moderngov.co.uk"},
	{Name: "Carmarthenshire County Council", NameCy: "Cyngor Sir Caerfyrddin", Address: "democracy.carmarthenshire.gov.wales",
		Panel: "Dyfed-Powys Police and Crime Panel", PanelCy: "Panel Heddlu a Throseddu Dyfed-Powys", PanelID: 193},
	{Name: "Conwy County Borough Council", NameCy: "Cyngor Bwrdeistref Sirol Conwy", Address: "modgoveng.conwy.gov.uk",
		Panel: "North Wales Police and Crime Panel", PanelCy: "Panel Heddlu a Throseddu Gogledd Cymru"},
	{Name: "Denbighshire County Council", NameCy: "Cyngor Sir Ddinbych", Address: "moderngov.denbighshire.gov.uk"},
	{Name: "Flintshire County Council", NameCy: "Cyngor Sir y Fflint", Address: "committeemeetings.flintshire.gov.uk"},
	{Name: "Gwynedd Council", NameCy: "Cyngor Gwynedd", Address: "democracy.cyngor.gwynedd.gov.uk"},
	{Name: "Isle of Anglesey County Council", NameCy: "Cyngor Sir Ynys Môn", Address: "democratiaeth.ynysmon.gov.uk"},
	{Name: "Merthyr Tydfil County Borough Council", NameCy: "Cyngor Bwrdeistref Sirol Merthyr Tudful", Address: "democracy.merthyr.gov.uk",
		Panel: "South Wales Police and Crime Panel", PanelCy: "Panel Heddlu a Throseddu De Cymru"},
	{Name: "Monmouthshire County Council", NameCy: "Cyngor Sir Fynwy", Address: "democracy.monmouthshire.gov.uk"},
	{Name: "Neath Port Talbot Council", NameCy: "Cyngor Castell-nedd Port Talbot", Address: "democracy.npt.gov.uk"},
	{Name: "Newport City Council", NameCy: "Cyngor Dinas Casnewydd", Address: "democracy.newport.gov.uk"},
	{Name: "Pembrokeshire County Council", NameCy: "Cyngor Sir Penfro", Address: "mgenglish.pembrokeshire.gov.uk"},
	{Name: "Powys County Council", NameCy: "Cyngor Sir Powys", Address: "powys.moderngov.co.uk"},
	{Name: "Swansea Council", NameCy: "Cyngor Abertawe", Address: "democracy.swansea.gov.uk"},
	{Name: "Torfaen County Borough Council", NameCy: "Cyngor Bwrdeistref Sirol Torfaen", Address: "moderngov.torfaen.gov.uk"},
	{Name: "Wrexham County Borough Council", NameCy: "Cyngor Bwrdeistref Sirol Wrecsam", Address: "moderngov.wrexham.gov.uk"},
}
