; Inno Setup 6.3+ script (x64compatible; a UTF-8 NOTICES file without BOM): per-user MedLocal install from the PyInstaller onedir build (dist\medlocal).
; Built by installers\windows\build.ps1 (which passes /DAppVersion, /DSourceDir and signing).
; Per-user: no administrator rights, installs under %LOCALAPPDATA%\Programs\MedLocal.
; The vault, settings and models live in the user's data folders (platformdirs), not here, so
; uninstalling keeps them unless the person ticks "Also delete my MedLocal data".

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\medlocal"
#endif

[Setup]
AppId={{6E0C3F1A-5B7D-4C55-9E0B-7A3C1D2E4F10}
AppName=MedLocal
AppVersion={#AppVersion}
AppPublisher=MedLocal developers
DefaultDirName={autopf}\MedLocal
DefaultGroupName=MedLocal
PrivilegesRequired=lowest
; No PrivilegesRequiredOverridesAllowed: an all-users (admin) install would write the association
; to HKLM and run the uninstaller elevated, where {localappdata} can be the administrator's
; folder rather than the clinician's, so "delete my data" would miss (or hit) the wrong data.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=MedLocal-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
SetupIconFile=medlocal.ico
UninstallDisplayIcon={app}\medlocal.exe
LicenseFile={#SourceDir}\_internal\NOTICES
ChangesAssociations=yes
; build.ps1 defines SignTool when MEDLOCAL_SIGN_CERT is set; unsigned otherwise.
#ifdef SignTool
SignTool={#SignTool}
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "ggufassoc"; Description: "Open .gguf model files with MedLocal (imports the model)"; GroupDescription: "File types:"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\MedLocal"; Filename: "{app}\medlocal.exe"
; Through cmd /k: a console program started from a shortcut closes its window as soon as it
; exits, and the PASS line (installers/README.md, step 3) would never be seen.
Name: "{group}\MedLocal self-test"; Filename: "{cmd}"; Parameters: "/k """"{app}\medlocal-cli.exe"" --selftest"""; WorkingDir: "{app}"
Name: "{group}\Uninstall MedLocal"; Filename: "{uninstallexe}"
Name: "{autodesktop}\MedLocal"; Filename: "{app}\medlocal.exe"; Tasks: desktopicon

[Registry]
; Per-user file association (HKCU\Software\Classes): double-clicking a .gguf runs
; "medlocal.exe import-model <file>", which opens the model manager importing that file.
; OpenWithProgids alone only lists MedLocal under "Open with"; the default value of .gguf makes a
; double-click open it. It is written only while no other program has claimed .gguf for this
; user (GgufUnclaimed), so an existing choice is not taken over. HKA is HKCU (per-user install).
Root: HKA; Subkey: "Software\Classes\.gguf"; ValueType: string; ValueName: ""; ValueData: "MedLocal.GGUF"; Flags: uninsdeletevalue; Tasks: ggufassoc; Check: GgufUnclaimed
Root: HKA; Subkey: "Software\Classes\.gguf\OpenWithProgids"; ValueType: string; ValueName: "MedLocal.GGUF"; ValueData: ""; Flags: uninsdeletevalue; Tasks: ggufassoc
Root: HKA; Subkey: "Software\Classes\MedLocal.GGUF"; ValueType: string; ValueName: ""; ValueData: "GGUF language model"; Flags: uninsdeletekey; Tasks: ggufassoc
Root: HKA; Subkey: "Software\Classes\MedLocal.GGUF\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\medlocal.exe,0"; Tasks: ggufassoc
Root: HKA; Subkey: "Software\Classes\MedLocal.GGUF\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\medlocal.exe"" import-model ""%1"""; Tasks: ggufassoc

[Run]
Filename: "{app}\medlocal.exe"; Description: "{cm:LaunchProgram,MedLocal}"; Flags: nowait postinstall skipifsilent

[Code]
var
  DeleteData: Boolean;

{ True while no other program has set this user's default for .gguf. }
function GgufUnclaimed(): Boolean;
var
  Current: String;
begin
  Result := (not RegQueryStringValue(HKCU, 'Software\Classes\.gguf', '', Current)) or
    (Current = '') or (Current = 'MedLocal.GGUF');
end;

{ Asked once, after the person has confirmed the uninstall: at usUninstall, not in
  InitializeUninstall, which runs before Inno's own "Are you sure" box. The uninstaller has no
  wizard pages to hold a checkbox, so a Yes/No box stands for the "delete my data" tick: No is the
  default button, and a silent uninstall never deletes. No keeps the vault, models and settings. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usUninstall) and (not UninstallSilent) then
    DeleteData :=
      (MsgBox('Also delete my MedLocal data (the encrypted vault with all patient documents, ' +
              'downloaded models, settings and logs)?' + #13#10#13#10 +
              'Choose No to keep them for a later install. This cannot be undone.',
              mbConfirmation, MB_YESNO or MB_DEFAULTBUTTON2) = IDYES);
  if (CurUninstallStep = usPostUninstall) and DeleteData then
  begin
    { platformdirs folders for appname "MedLocal" (medlocal/paths.py): on Windows the data, config
      and log folders are all under %LOCALAPPDATA%\MedLocal (the program is in a different
      folder, %LOCALAPPDATA%\Programs\MedLocal). Roaming is not used; cleared all the same. }
    DelTree(ExpandConstant('{localappdata}\MedLocal'), True, True, True);
    DelTree(ExpandConstant('{userappdata}\MedLocal'), True, True, True);
  end;
end;
