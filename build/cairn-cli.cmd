@echo off
rem The cairn command of an installed Cairn (copied to resources\ by build\electron-builder.yml).
rem It starts the app's own Cairn.exe with --cli, which runs the command line in that process
rem with no window (electron\cli-launch.ts); ELECTRON_RUN_AS_NODE is switched off by a fuse.
rem Put this folder on PATH, or call it by its full path.
setlocal
set "CAIRN_APP=%~dp0..\Cairn.exe"
if not exist "%CAIRN_APP%" (
  echo cairn: the Cairn app is not at %CAIRN_APP%. 1>&2
  exit /b 1
)
"%CAIRN_APP%" --cli %*
exit /b %ERRORLEVEL%
