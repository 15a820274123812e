#!/bin/sh
# Set up (first time only) and open the LeptoDesk wizard. Extra arguments go to `leptodesk`.
# Without arguments it opens a window: with no display to open it on, it says so in one line
# and exits 2 before the set-up (which takes minutes the first time). leptodesk itself says
# the same (leptodesk.cli.no_display, msg:gui_no_display).
set -eu
cd "$(dirname "$0")/.."
if [ $# -eq 0 ] && [ "$(uname -s)" = Linux ] && [ -z "${WAYLAND_DISPLAY:-}" ] \
   && { [ -z "${QT_QPA_PLATFORM:-}" ] || [ "${QT_QPA_PLATFORM%%:*}" = xcb ]; }; then
  case "${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}" in
    fr*) unset_="DISPLAY n'est pas défini"; gone="l'affichage X ${DISPLAY:-} est absent"
         say="leptodesk : aucun écran trouvé (%s) : ouvrez LeptoDesk sur le bureau du poste de travail, ou essayez-le sans écran avec : xvfb-run tools/run.sh" ;;
    pt*) unset_="DISPLAY não está definido"; gone="o ecrã X ${DISPLAY:-} não existe"
         say="leptodesk: nenhum ecrã encontrado (%s): abra o LeptoDesk no ambiente de trabalho do posto, ou experimente-o sem ecrã com: xvfb-run tools/run.sh" ;;
    *) unset_="DISPLAY is not set"; gone="the X display ${DISPLAY:-} is not there"
       say="leptodesk: no display found (%s): open LeptoDesk on the workstation's desktop, or try it out without one with: xvfb-run tools/run.sh" ;;
  esac
  why=""
  if [ -z "${DISPLAY:-}" ]; then
    why=$unset_
  else
    number=${DISPLAY#*:}; number=${number%%.*}; host=${DISPLAY%:*}
    if { [ -z "$host" ] || [ "$host" = unix ]; } && [ ! -e "/tmp/.X11-unix/X$number" ]; then
      why=$gone
    fi
  fi
  if [ -n "$why" ]; then
    # shellcheck disable=SC2059 # the message is the format
    printf "$say\n" "$why" >&2
    exit 2
  fi
fi
tools/bootstrap.sh --gui
exec .venv/bin/leptodesk "$@"
