; Inno Setup script of PropDesk's Windows installer (one setup file, per-user, no administrator).
;
; Build it with installer\build.py (bundle + this script), or by hand after the bundle is built:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\propdesk.iss
; Needs Inno Setup 6.3 or newer (ArchitecturesAllowed=x64compatible). The setup file goes to dist\.
;
; What it does
;   - installs dist\PropDesk\ (the PyInstaller one-folder bundle) into
;     %LOCALAPPDATA%\Programs\PropDesk for the signed-in user: PrivilegesRequired=lowest, no UAC prompt;
;   - Start-menu shortcut and (task, ticked by default) desktop shortcut to propdesk.exe;
;   - setup in Simplified Chinese or English (chosen from Windows' display language);
;   - AppVersion is the program's __version__ (passed by build.py, or read from propdesk.exe).
;
; The office's data is NOT the program: the database, backups and logs live in the user's data
; folder %LOCALAPPDATA%\PropDesk (platformdirs user_data_dir("PropDesk", appauthor=False), see
; src\propdesk\config.py). This script never installs into it, never deletes it on upgrade
; ([InstallDelete] only clears the old program files in {app}\_internal) and never on uninstall:
; there is deliberately no [UninstallDelete] entry for it; the uninstaller only removes the files it
; installed and says where the data was kept. The two folders are distinct:
; %LOCALAPPDATA%\Programs\PropDesk (program) and %LOCALAPPDATA%\PropDesk (data).

#define AppName "PropDesk"
#define AppExe "propdesk.exe"

#ifndef SourceDir
  #define SourceDir AddBackslash(SourcePath) + "..\dist\PropDesk"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "..\dist"
#endif
#if !FileExists(AddBackslash(SourceDir) + AppExe)
  #error The bundle is missing: run "python installer\build.py" first (it builds dist\PropDesk).
#endif
#ifndef Compression
  ; wine_check.py compiles with /DCompression=zip (a quicker build of the same files)
  #define Compression "lzma2/max"
#endif
#ifndef AppVersion
  ; Same number as propdesk.__version__: the spec writes it into the executable's version resource.
  #define AppVersion GetStringFileInfo(AddBackslash(SourceDir) + AppExe, "ProductVersion")
#endif
#ifndef AppVersionNumbers
  ; Four numbers for the setup file's own version resource (0.1.0 -> 0.1.0.0).
  #define AppVersionNumbers GetVersionNumbersString(AddBackslash(SourceDir) + AppExe)
#endif

; ChineseSimplified.isl is an UNOFFICIAL Inno Setup translation: Inno Setup 6 does not install it
; into its Languages folder (it lives in the Inno Setup sources under Files\Languages\Unofficial and
; on https://jrsoftware.org/files/istrans/). Put a copy into one of these places (first found wins):
;   installer\languages\ChineseSimplified.isl            (next to this script)
;   <Inno Setup>\Languages\ChineseSimplified.isl
;   <Inno Setup>\Languages\Unofficial\ChineseSimplified.isl
; Use the file matching your Inno Setup version; an older one only leaves a few messages in English.
#if FileExists(AddBackslash(SourcePath) + "languages\ChineseSimplified.isl")
  #define ChineseIsl AddBackslash(SourcePath) + "languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\Unofficial\ChineseSimplified.isl")
  #define ChineseIsl "compiler:Languages\Unofficial\ChineseSimplified.isl"
#else
  ; Without it the setup speaks English only (a test build, e.g. installer/wine_check.py in CI);
  ; installer\build.py refuses to make a release setup without it.
  #pragma warning "ChineseSimplified.isl not found: this setup's messages are English only. For the office's setup download it from https://jrsoftware.org/files/istrans/ into installer\languages\ (see README, ""Installer (Windows)"")."
#endif

[Setup]
; The AppId identifies PropDesk for upgrades and uninstall: never change it.
AppId={{A429A82F-28EA-4B73-B2F0-8083AB90A659}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersionNumbers}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} Setup
; Per-user install: no administrator rights, no UAC prompt. {localappdata}\Programs is what
; Inno Setup calls {userpf}; the data folder %LOCALAPPDATA%\PropDesk is a different folder.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DisableDirPage=auto
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
; Qt 6 runs on 64-bit Windows 10 and newer.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; A running PropDesk is closed (Restart Manager) before its files are replaced.
CloseApplications=yes
RestartApplications=no
SetupIconFile={#AddBackslash(SourcePath)}..\resources\icons\propdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir={#OutputDir}
OutputBaseFilename=PropDesk-{#AppVersion}-setup
Compression={#Compression}
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
SetupLogging=yes

[Languages]
; Chinese first: the default when Windows' display language matches neither.
#ifdef ChineseIsl
Name: "chinesesimplified"; MessagesFile: "{#ChineseIsl}"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
#ifdef ChineseIsl
chinesesimplified.ShortcutComment=物业服务中心客服前台：投诉、派工、回访、台账
#endif
english.ShortcutComment=Front desk of the property-management office: complaints, work orders, callbacks, registers
#ifdef ChineseIsl
chinesesimplified.DataKept=PropDesk 已卸载。%n%n办公室的数据（数据库、备份、日志）仍保留在：%n%1%n%n重新安装后会继续使用这些数据。如确实不再需要，可手动删除该文件夹。
#endif
english.DataKept=PropDesk has been uninstalled.%n%nThe office's data (database, backups, logs) is kept in:%n%1%n%nA new installation uses it again. Delete that folder by hand only if it is really no longer needed.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; Upgrade: remove the previous version's program files so no stale library is left beside the new
; ones. Only {app}\_internal (the bundle's own folder); the data folder is elsewhere and untouched.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{cm:ShortcutComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{cm:ShortcutComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: the data folder %LOCALAPPDATA%\PropDesk must survive
; uninstall (and the program never writes into {app}, so nothing is left there to clean up).

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\PropDesk')]),
           mbInformation, MB_OK);
end;
