# Removes what install.ps1 installed: the browsers' host manifests and registry keys, and the runtime in
# %LOCALAPPDATA%\askpage; --purge removes the models too. Other native messaging hosts are left alone.
#   powershell -ExecutionPolicy Bypass -File uninstall.ps1 [--purge]
$ErrorActionPreference = 'Stop'
if (-not (Get-Command java -ErrorAction SilentlyContinue)) { throw 'Java 17 or newer is needed (java not on PATH)' }
& java -jar (Join-Path $PSScriptRoot 'app\askpage.jar') uninstall @args
exit $LASTEXITCODE
