# Per-user install of askpage on Windows. No administrator rights; writes only to %LOCALAPPDATA%\askpage and HKCU.
# Thin: builds if needed, then hands over to `askpage install` (Java). Extra arguments go to it, e.g.
#   powershell -ExecutionPolicy Bypass -File installer\install.ps1 --browsers chrome,firefox
$ErrorActionPreference = 'Stop'
$Root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$Jar = Join-Path $Root 'host\target\askpage.jar'
$Image = Join-Path $Root 'installer\runtime\target\maven-jlink\default'
$App = Join-Path $Root 'host\target'
$Dist = Join-Path $Root 'extension\dist'

# From the portable release archive (release/pom.xml): this script sits beside app\ and the built extension, nothing is
# built, and jlink makes the Java runtime from your JDK.
$Archive = Test-Path (Join-Path $PSScriptRoot 'app\askpage.jar')
if ($Archive) {
  $Root = $PSScriptRoot; $App = Join-Path $Root 'app'; $Jar = Join-Path $App 'askpage.jar'; $Dist = Join-Path $Root 'extension'
  if (-not (Get-Command jlink -ErrorAction SilentlyContinue)) { throw 'A JDK 17 or newer is needed (jlink not on PATH)' }
  $Image = Join-Path ([IO.Path]::GetTempPath()) ('askpage-runtime-' + [Guid]::NewGuid())
  $Modules = (Get-Content (Join-Path $App 'runtime-modules') -Raw).Trim()
  Write-Host "Making the Java runtime with jlink ($Modules)..."
  & jlink --add-modules $Modules --strip-debug --no-header-files --no-man-pages --output $Image
  if ($LASTEXITCODE -ne 0) { throw 'jlink failed' }
}

if (-not (Get-Command java -ErrorAction SilentlyContinue)) { throw 'Java 17 or newer is needed (java not on PATH)' }

$stale = -not (Test-Path $Jar) -or -not (Test-Path $Image)
if (-not $stale) {
  $built = (Get-Item $Jar).LastWriteTime
  $sources = @('host\src\main', 'installer\src\main', 'models\src\main') | ForEach-Object { Join-Path $Root $_ } |
    Where-Object { Test-Path $_ } | ForEach-Object { Get-ChildItem -Recurse -File $_ }
  $poms = Get-ChildItem -Path $Root -Filter pom.xml -Recurse -Depth 2 -File
  $stale = [bool](@($sources) + @($poms) | Where-Object { $_.LastWriteTime -gt $built } | Select-Object -First 1)
}
if ($stale) {
  if (-not (Get-Command mvn -ErrorAction SilentlyContinue)) { throw "$Jar is missing or old and Maven (mvn) is not on PATH" }
  Write-Host 'Building askpage (mvn package)...'
  Push-Location $Root
  try { & mvn -q -B package -DskipTests; if ($LASTEXITCODE -ne 0) { throw 'mvn package failed' } } finally { Pop-Location }
}

& java -jar $Jar install --app-dir $App --image $Image @args
if ($LASTEXITCODE -ne 0) { throw "askpage install failed ($LASTEXITCODE)" }
if ($Archive) { Remove-Item -Recurse -Force $Image }

Write-Host ''
if ($Archive) {
  Write-Host "extension $Dist (built)"
} elseif ((Get-Command npm -ErrorAction SilentlyContinue) -and (Test-Path (Join-Path $Root 'extension\package.json'))) {
  Write-Host 'Building the extension (npm --prefix extension ci && npm --prefix extension run build)...'
  $Ext = Join-Path $Root 'extension'
  if (-not (Test-Path (Join-Path $Ext 'node_modules'))) { & npm --prefix $Ext ci --no-audit --no-fund | Out-Null }
  & npm --prefix $Ext run build | Out-Null
  if ($LASTEXITCODE -eq 0) { Write-Host "extension $Ext\dist" } else { Write-Host 'extension build failed: run it yourself to see why' }
} else {
  Write-Host "Node.js is not installed: install it (20 or newer), then run  npm --prefix `"$Root\extension`" ci; npm --prefix `"$Root\extension`" run build"
}

Write-Host ''
& java -jar $Jar doctor
$Status = $LASTEXITCODE
if ($Status -ne 0) { Write-Host 'doctor found problems: see the fix column above' }

Write-Host @"

Load the extension:
  Chrome, Chromium, Edge, Brave, Vivaldi: open chrome://extensions (edge://extensions, ...), turn on Developer mode,
    "Load unpacked", choose  $Dist\chrome   (or the .zip in $Dist\)
  Firefox: about:debugging#/runtime/this-firefox, "Load Temporary Add-on", choose
    $Dist\askpage-firefox.xpi   ($Dist\firefox unpacked)
Later: java -jar "$Jar" model install | doctor | uninstall [--purge]
  (or askpage.bat in %LOCALAPPDATA%\askpage\runtime\bin)
"@
exit $Status
