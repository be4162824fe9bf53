#!/bin/sh
# /usr/bin/medlocal: starts the bundled app in /opt/medlocal. A single .gguf argument (a model
# double-clicked in the file manager, via the .desktop file's %f) opens the model import.
case "$#:$1" in
  1:*.gguf | 1:*.GGUF) exec /opt/medlocal/medlocal import-model "$1" ;;
esac
exec /opt/medlocal/medlocal "$@"
