# bash completion for hfenv: its options and their values, then, after the options and NAME=VALUE
# operands, the wrapped command's own completion (as bash-completion does for sudo).   -*- shell-script -*-

_hfenv()
{
    local cur prev words cword split
    _init_completion -s || return

    # i ends at the first operand; past cword when the current word is an option's value.
    local i operands=command
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
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

    if ((i == cword)) && [[ $cur == -* && ${words[i - 1]} != -- ]]; then
        COMPREPLY=($(compgen -W '--proxy= --no-xet --allow-socks --proxy-loopback --prefer= --ca-bundle=
            --unset= --export --export= --explain --explain= --probe --timeout= --verbose --quiet --help
            --version -p -x -u -v -q -h -V' -- "$cur"))
        [[ ${COMPREPLY-} == *= ]] && compopt -o nospace
        return
    fi

    case $operands in
        hosts) _known_hosts_real -- "$cur" ;;
        command)
            while ((i < cword)) && [[ ${words[i]} =~ ^[A-Za-z_][A-Za-z0-9_]*= ]]; do
                ((i++))
            done
            _command_offset $i
            ;;
    esac
} &&
    complete -F _hfenv hfenv
