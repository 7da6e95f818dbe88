#!/usr/bin/env bash
# Build the Teams app package (manifest.json + icons in a zip).
# Usage: appPackage/build.sh --app-id <GUID> [--domain <host>] [--sso-app-id <GUID>] [--version 1.0.0] [--out appPackage/build/VpiBot.zip]
# Default output: appPackage/build/VpiBot.zip (gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run --project VpiBot --no-launch-profile -- build-app-package "$@"
