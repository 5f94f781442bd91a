# bash completion for hfenv: its options and their values, then, after the options and NAME=VALUE
# operands, the wrapped command's own completion (as bash-completion does for sudo).   -*- shell-script -*-

_hfenv()
{
    local cur prev words cword split
    _init_completion -s || return

    # The words as typed (bash splits COMP_WORDS at = and : too), and where each starts in COMP_WORDS,
    # which _command_offset counts in.
    local -a typed=() starts=()
    local line=${COMP_LINE:0:COMP_POINT} rest raw
    for ((raw = 0; raw <= COMP_CWORD; raw++)); do
        rest=${line#"${line%%[![:space:]]*}"}
        if ((raw == 0)) || [[ $rest != "$line" ]]; then
            starts+=("$raw")
            typed+=("${COMP_WORDS[raw]}")
        else
            typed[-1]+=${COMP_WORDS[raw]}
        fi
        line=${rest#"${COMP_WORDS[raw]}"}
    done
    cword=$((${#typed[@]} - 1))
    cur=${typed[cword]} prev=${typed[cword - 1]} split=false
    if [[ $cur == --*=* ]]; then
        prev=${cur%%=*} cur=${cur#*=} split=true
    fi

    # i ends at the first operand; past cword when the current word is an option's value.
    local i operands=command
    for ((i = 1; i < cword; i++)); do
        case ${typed[i]} in
            --)
                ((i++))
                break
                ;;
            --proxy | --unset | --prefer | --ca-bundle | --timeout | -*([xvqhV])[pu]) ((i++)) ;;
            --export*) operands=none ;;
            --explain* | --probe) operands=hosts ;;
            -?*) ;;
            *) break ;;
        esac
    done

    if ((i > cword)) || $split; then
        case $prev in
            --prefer) COMPREPLY=($(compgen -W 'lower upper' -- "$cur")) ;;
            --export) COMPREPLY=($(compgen -W 'sh bash zsh dash ksh fish' -- "$cur")) ;;
            --explain) COMPREPLY=($(compgen -W 'table tsv' -- "$cur")) ;;
            --ca-bundle) _filedir ;;
            --unset | -*([xvqhV])u) COMPREPLY=($(compgen -e -- "$cur")) ;;
        esac
        return
    fi

    if ((i == cword)) && [[ $cur == -* && ${typed[i - 1]} != -- ]]; then
        COMPREPLY=($(compgen -W '--proxy= --no-xet --allow-socks --proxy-loopback --prefer= --ca-bundle=
            --unset= --export --explain --probe --timeout= --verbose --quiet --help --version
            -p -x -u -v -q -h -V' -- "$cur"))
        [[ ${COMPREPLY-} == *= ]] && compopt -o nospace
        return
    fi

    case $operands in
        hosts) _known_hosts_real -- "$cur" ;;
        command)
            while ((i < cword)) && [[ ${typed[i]} =~ ^[A-Za-z_][A-Za-z0-9_]*= ]]; do
                ((i++))
            done
            _command_offset "${starts[i]}"
            ;;
    esac
} &&
    complete -F _hfenv hfenv
