; The Windows installer: `make package-windows` runs
;   makensis -DVERSION=0.1.0 -DVERSION4=0.1.0.1 -DAPP_ID=... -DBIN=... -DPKG=... -DOUTFILE=... installer.nsi
; with absolute paths, after `make windows` has built both executables.
;
; It installs for all users into Program Files, adds one Start-menu shortcut
; (to the windowless panelpapersw.exe) and an entry in Apps & features, and
; puts the folder on PATH only when the user ticks that box, so that
; `panelpapers` (the console program) works in a terminal. Uninstalling removes
; exactly that, never the library in %LOCALAPPDATA%\panelpapers.

Unicode true
Target amd64-unicode
ManifestDPIAware true
ManifestSupportedOS all
RequestExecutionLevel admin

; One commit, one installer: no file dates in the archive, so the same
; executables always compress to the same bytes. A 64 MB LZMA window spans
; both executables, so the second costs 11 KB, not another 15 MB.
SetDateSave off
SetCompressor /SOLID lzma
SetCompressorDictSize 64

; With -DSIGN=CMD (make's WIN_SIGN), the uninstaller is signed before it is
; packed and the installer once it is written.
!ifdef SIGN
	!uninstfinalize '${SIGN} "%1"' = 0
	!finalize '${SIGN} "%1"' = 0
!endif

!include MUI2.nsh
!include LogicLib.nsh
!include WinMessages.nsh

!define NAME "Panel Papers"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define ENV_KEY "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"
; PATH is edited through PowerShell's registry provider: NSIS strings stop at
; 1024 characters, and cutting a long PATH short would break the machine. The
; folder reaches the script in the environment, so no quoting can go wrong.
!define PS '"$SYSDIR\WindowsPowerShell\v1.0\powershell.exe" -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command'
!define PS_READ "$$k = 'HKLM:\${ENV_KEY}'; $$p = (Get-Item $$k).GetValue('Path', '', 'DoNotExpandEnvironmentNames'); $$d = $$env:PANELPAPERS_DIR"

Name "${NAME}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${NAME}"
InstallDirRegKey HKLM "${UNINST_KEY}" "InstallLocation"
BrandingText "${NAME} ${VERSION}"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=0 "ProductName" "${NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${NAME} ${VERSION} setup"
VIAddVersionKey /LANG=0 "CompanyName" "${NAME}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${NAME} contributors"

!define MUI_ICON "${PKG}\icons\panelpapers.ico"
!define MUI_UNICON "${PKG}\icons\panelpapers.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_SMALLDESC
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "Open ${NAME}"
!define MUI_FINISHPAGE_RUN_FUNCTION OpenApp
!define MUI_FINISHPAGE_SHOWREADME "$INSTDIR\README.txt"
!define MUI_FINISHPAGE_SHOWREADME_NOTCHECKED

!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "${NAME}" SecApp
	SectionIn RO
	SetShellVarContext all
	SetOutPath "$INSTDIR"
	File "${BIN}\panelpapersw.exe"
	File "${BIN}\panelpapers.exe"
	File "${PKG}\windows\README.txt"
	WriteUninstaller "$INSTDIR\Uninstall.exe"

	; Windows 10 and 11 list one shortcut per app, not a folder with an
	; uninstaller in it: that lives in Apps & features.
	CreateShortcut "$SMPROGRAMS\${NAME}.lnk" "$INSTDIR\panelpapersw.exe" "" "$INSTDIR\panelpapersw.exe" 0

	WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${NAME}"
	WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
	WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${NAME}"
	WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\panelpapersw.exe,0"
	WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
	WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
	WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
	WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
	WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
	SectionGetSize ${SecApp} $0
	WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Section /o "Add to PATH (to use panelpapers in a terminal)" SecPath
	System::Call 'Kernel32::SetEnvironmentVariable(t "PANELPAPERS_DIR", t "$INSTDIR")'
	nsExec::ExecToLog `${PS} "${PS_READ}; if (($$p -split ';') -notcontains $$d) { Set-ItemProperty $$k Path ($$p.TrimEnd(';') + ';' + $$d) -Type ExpandString }"`
	Pop $0
	${If} $0 == 0
		WriteRegDWORD HKLM "${UNINST_KEY}" "AddedToPath" 1
		SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
	${Else}
		DetailPrint "Could not add $INSTDIR to PATH ($0); the program works without it."
	${EndIf}
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
	!insertmacro MUI_DESCRIPTION_TEXT ${SecApp} "The app, its Start-menu shortcut and the command-line program."
	!insertmacro MUI_DESCRIPTION_TEXT ${SecPath} "Lets you type panelpapers in Command Prompt or PowerShell. Not needed to use the app."
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; The installer runs elevated, perhaps as another account (an IT officer
; typing an admin password): started directly, the app would run as that
; account and keep its library in that account's profile. Explorer starts it
; as the signed-in user instead.
Function OpenApp
	Exec '"$WINDIR\explorer.exe" "$INSTDIR\panelpapersw.exe"'
FunctionEnd

Section "Uninstall"
	SetShellVarContext all
	ReadRegDWORD $0 HKLM "${UNINST_KEY}" "AddedToPath"
	${If} $0 == 1
		System::Call 'Kernel32::SetEnvironmentVariable(t "PANELPAPERS_DIR", t "$INSTDIR")'
		nsExec::ExecToLog `${PS} "${PS_READ}; $$n = ($$p -split ';' | Where-Object { $$_ -ne $$d }) -join ';'; if ($$n -ne $$p) { Set-ItemProperty $$k Path $$n -Type ExpandString }"`
		Pop $0
		SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
	${EndIf}

	Delete "$SMPROGRAMS\${NAME}.lnk"
	Delete "$INSTDIR\panelpapersw.exe"
	Delete "$INSTDIR\panelpapers.exe"
	Delete "$INSTDIR\README.txt"
	Delete "$INSTDIR\Uninstall.exe"
	RMDir "$INSTDIR"
	DeleteRegKey HKLM "${UNINST_KEY}"
SectionEnd
