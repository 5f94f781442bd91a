# bash complete.bash LINE: the candidates bash-completion offers at the end of LINE, one a line; LINE is
# split into COMP_WORDS as bash splits it (at blanks and at the characters of COMP_WORDBREAKS), and hfenv's
# completion is the file HFENV_COMPLETION_FILE names, else what bash-completion loads by itself (XDG_DATA_DIRS...).
source /usr/share/bash-completion/bash_completion
if [[ -n ${HFENV_COMPLETION_FILE-} ]]; then
    source "$HFENV_COMPLETION_FILE"
else
    _completion_loader hfenv
fi
complete -p hfenv
COMP_LINE=$1
COMP_POINT=${#COMP_LINE}
COMP_WORDS=()
word=
for ((at = 0; at < ${#COMP_LINE}; at++)); do
    char=${COMP_LINE:at:1}
    if [[ $char == [[:space:]] ]]; then
        [[ -z $word ]] || COMP_WORDS+=("$word")
        word=
    elif [[ $COMP_WORDBREAKS == *"$char"* ]]; then
        [[ -z $word ]] || COMP_WORDS+=("$word")
        COMP_WORDS+=("$char")
        word=
    else
        word+=$char
    fi
done
COMP_WORDS+=("$word")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
completion=$(complete -p hfenv | sed -n 's/.* -F \([^ ]*\) .*/\1/p')
"$completion" hfenv "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" 2> /dev/null
printf 'candidate: %s\n' "${COMPREPLY[@]%% }"
