#!/usr/bin/env bash
# Runs the command that prints the impact report (CI: make impact BASE=origin/<base branch>) and
# shows its output in the job log and the job summary as inert text.
#
# The report quotes sentences of the texts, and a line of a text may look like a workflow command
# ("::warning file=…::", "::add-mask::…", "##[error]…"). In the log the output is wrapped in
# ::stop-commands::<token> … ::<token>::, with a token drawn at random for this run, so the runner
# executes no command inside it; in the summary it sits in a code fence longer than any run of
# backticks it contains. The command's exit status is kept.
#
# usage: bash .github/impact-report.sh COMMAND [ARGUMENT …]
set -euo pipefail

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
status=0
"$@" >"$report" 2>&1 || status=$?

token="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
echo "::stop-commands::${token}"
cat "$report"
echo
echo "::${token}::"

if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  longest="$( (grep -o '`\+' "$report" || true) | awk '{ if (length($0) > n) n = length($0) } END { print n + 0 }')"
  fence="$(printf '%*s' "$(( longest < 3 ? 3 : longest + 1 ))" '' | tr ' ' '`')"
  {
    echo "## Impact of this pull request"
    echo
    echo "${fence}text"
    cat "$report"
    echo
    echo "$fence"
  } >>"$GITHUB_STEP_SUMMARY"
fi
exit "$status"
