; Inno Setup 6 script: per-user MedLocal install from the PyInstaller onedir build (dist\medlocal).
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
PrivilegesRequiredOverridesAllowed=dialog
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
Name: "{group}\MedLocal self-test"; Filename: "{app}\medlocal-cli.exe"; Parameters: "--selftest"
Name: "{group}\Uninstall MedLocal"; Filename: "{uninstallexe}"
Name: "{autodesktop}\MedLocal"; Filename: "{app}\medlocal.exe"; Tasks: desktopicon

[Registry]
; Per-user file association (HKCU\Software\Classes): double-clicking a .gguf runs
; "medlocal.exe import-model <file>", which opens the model manager importing that file.
Root: HKA; Subkey: "Software\Classes\.gguf\OpenWithProgids"; ValueType: string; ValueName: "MedLocal.GGUF"; ValueData: ""; Flags: uninsdeletevalue; Tasks: ggufassoc
Root: HKA; Subkey: "Software\Classes\MedLocal.GGUF"; ValueType: string; ValueName: ""; ValueData: "GGUF language model"; Flags: uninsdeletekey; Tasks: ggufassoc
Root: HKA; Subkey: "Software\Classes\MedLocal.GGUF\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\medlocal.exe,0"; Tasks: ggufassoc
Root: HKA; Subkey: "Software\Classes\MedLocal.GGUF\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\medlocal.exe"" import-model ""%1"""; Tasks: ggufassoc

[Run]
Filename: "{app}\medlocal.exe"; Description: "{cm:LaunchProgram,MedLocal}"; Flags: nowait postinstall skipifsilent

[Code]
var
  DeleteDataPage: TInputOptionWizardPage;
  DeleteData: Boolean;

{ The uninstaller asks once; unticked (the default) keeps the vault, models and settings. }
function InitializeUninstall(): Boolean;
begin
  DeleteData := (not UninstallSilent) and
    (MsgBox('Also delete my MedLocal data (the encrypted vault with all patient documents, ' +
            'downloaded models, settings and logs)?' + #13#10#13#10 +
            'Choose No to keep them for a later install. This cannot be undone.',
            mbConfirmation, MB_YESNO or MB_DEFAULTBUTTON2) = IDYES);
  Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DeleteData then
  begin
    { platformdirs locations for appname "MedLocal" (see medlocal/paths.py). }
    DelTree(ExpandConstant('{localappdata}\MedLocal'), True, True, True);
    DelTree(ExpandConstant('{userappdata}\MedLocal'), True, True, True);
  end;
end;
