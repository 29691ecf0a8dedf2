# bash completion for s3prune (installed as share/bash-completion/completions/s3prune).
_s3prune() {
  local cur prev words cword
  _init_completion 2>/dev/null || { cur="${COMP_WORDS[COMP_CWORD]}"; prev="${COMP_WORDS[COMP_CWORD-1]}"; }
  local global="--endpoint-url --region --profile --addressing --output -o --log-format --concurrency --max-attempts
    --expected-bucket-owner --quiet -q --verbose -v --stats --help -h --version"
  local policy="--keep-last --keep-within --keep --keep-from --exclude --age-by --allow-missing-keep-from
    --keep-hourly --keep-daily --keep-weekly --keep-monthly --keep-yearly --timezone --group-by --keep-within-of
    --time-from --strict-time --undo-window --versions --max-delete --inventory --via --price-per-gb --config"
  local command="" word
  for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$word" in ls|plan|apply|help) command="$word"; break ;; esac
  done
  case "$prev" in
    --output|-o) COMPREPLY=($(compgen -W "table json markdown" -- "$cur")); return ;;
    --log-format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
    --addressing) COMPREPLY=($(compgen -W "auto path virtual" -- "$cur")); return ;;
    --age-by) COMPREPLY=($(compgen -W "newest oldest" -- "$cur")); return ;;
    --time-from) COMPREPLY=($(compgen -W "objects id: order:natural object: meta:" -- "$cur")); return ;;
    --keep-within-of) COMPREPLY=($(compgen -W "now newest" -- "$cur")); return ;;
    --via) COMPREPLY=($(compgen -W "delete lifecycle" -- "$cur")); return ;;
    --config|--plan|--out|--log-deleted) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --profile)
      COMPREPLY=($(compgen -W "$(sed -n 's/^\[\(profile \)\{0,1\}\([^]]*\)\]$/\2/p' \
        "${AWS_CONFIG_FILE:-$HOME/.aws/config}" "${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials}" 2>/dev/null)" -- "$cur"))
      return ;;
  esac
  case "$command" in
    "") COMPREPLY=($(compgen -W "ls plan apply help $global" -- "$cur")) ;;
    help) COMPREPLY=($(compgen -W "ls plan apply" -- "$cur")) ;;
    ls) COMPREPLY=($(compgen -W "--versions --time-from $global" -- "$cur")) ;;
    plan) COMPREPLY=($(compgen -W "$policy --out $global" -- "$cur")) ;;
    apply) COMPREPLY=($(compgen -W "$policy --yes -y --plan --max-plan-age --log-deleted $global" -- "$cur")) ;;
  esac
}
complete -F _s3prune s3prune
