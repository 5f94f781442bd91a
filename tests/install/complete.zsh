# zsh -f complete.zsh LINE: the candidates zsh's completion system offers for LINE, one a line,
# read from an interactive zsh in a pseudo-terminal (zpty) whose compadd also prints what it adds;
# HFENV_COMPLETION_DIR goes first in its fpath.
setopt extended_glob
zmodload zsh/zpty
zpty hfenv_shell 'zsh -f -i'
zpty -w hfenv_shell "PS1='' PS2='' RPS1=''; unsetopt zle_bracketed_paste; fpath=(${(q)HFENV_COMPLETION_DIR} \$fpath)"
zpty -w hfenv_shell "autoload -Uz compinit && compinit -u -d ${(q)${TMPDIR:-/tmp}}/hfenv-zcompdump.\$\$"
zpty -w hfenv_shell 'compadd() { if [[ " $* " != *" -"[OAD]" "* ]]; then local -a hits; builtin compadd -O hits "$@"; print -rn -- ${hits/#/$'"'"'\ncandidate: '"'"'}; fi; builtin compadd "$@"; }'
zpty -w hfenv_shell 'list-candidates() { zle complete-word; print -n $'"'"'\nend of candidates\n'"'"'; }; zle -N list-candidates; bindkey "^I" list-candidates'
# The word is typed split, so that the terminal's echo of this line cannot pass for zsh's answer to it.
zpty -w hfenv_shell "print rea''dy"
zpty -r hfenv_shell line '*ready*'
zpty -n -w hfenv_shell "$1"$'\t'
output=
while zpty -r hfenv_shell line; do
  output+=$line
  [[ $line == *'end of candidates'* ]] && break
done
zpty -d hfenv_shell
print -rl -- ${(u)${(M)${(f)output//$'\r'/}:#candidate: *}%%[[:space:]]##}
