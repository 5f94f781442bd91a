# fish completion for hfenv: its options and their values, then, after the options and NAME=VALUE
# operands, the wrapped command's own completion (complete -C on the rest of the line).

# Prints what follows hfenv's options, one argument a line; fails while the options go on.
function __fish_hfenv_operands
    set -l tokens (commandline -opc) (commandline -ct)
    set -e tokens[1]
    argparse -s p/proxy= x/no-xet allow-socks proxy-loopback prefer= ca-bundle= 'u/unset=+' 'export=?' \
        'explain=?' probe timeout= v/verbose q/quiet h/help V/version -- $tokens 2>/dev/null
    or return 1
    set -q argv[1]; and not string match -q -- '-*' $argv[1]; or return 1
    printf '%s\n' $argv
end

function __fish_hfenv_in_options
    not __fish_hfenv_operands >/dev/null
end

# --export and --explain take a value only as --export=VALUE.
function __fish_hfenv_value_of -a option
    string match -q -- "$option=*" (commandline -ct)
end

# The wrapped command's candidates: none after --export, hosts after --explain and --probe.
function __fish_hfenv_complete_command
    set -l operands (__fish_hfenv_operands)
    set -l tokens (commandline -opc)
    if contains -- --export $tokens; or string match -q -- '--export=*' $tokens
        return
    end
    if contains -- --probe $tokens; or contains -- --explain $tokens; or string match -q -- '--explain=*' $tokens
        __fish_print_hostnames
        return
    end
    while string match -qr '^[A-Za-z_][A-Za-z0-9_]*=' -- $operands[1]; and set -q operands[2]
        set -e operands[1]
    end
    complete -C (string join ' ' -- (string escape -- $operands[1..-2]) $operands[-1])
end

complete -c hfenv -f
complete -c hfenv -n __fish_hfenv_in_options -s p -l proxy -x -d 'Use URL as the HTTP and HTTPS proxy'
complete -c hfenv -n __fish_hfenv_in_options -s x -l no-xet -d 'Disable Xet (HF_HUB_DISABLE_XET=1)'
complete -c hfenv -n __fish_hfenv_in_options -l allow-socks -d 'Let SOCKS proxy URLs through'
complete -c hfenv -n __fish_hfenv_in_options -l proxy-loopback -d 'Do not add loopback to NO_PROXY'
complete -c hfenv -n __fish_hfenv_in_options -l prefer -x -a 'lower upper' -d 'Spelling that wins when both differ'
complete -c hfenv -n __fish_hfenv_in_options -l ca-bundle -r -F -d 'Trust the PEM certificates in FILE'
complete -c hfenv -n __fish_hfenv_in_options -s u -l unset -x -a '(set -xn)' -d 'Remove NAME from the environment'
complete -c hfenv -n __fish_hfenv_in_options -l export -d 'Print shell statements that apply the changes'
complete -c hfenv -n '__fish_hfenv_value_of --export' -a '--export=sh --export=bash --export=zsh --export=dash --export=ksh --export=fish' -d 'Statements for this shell'
complete -c hfenv -n __fish_hfenv_in_options -l explain -d 'Show the route each HTTP client takes'
complete -c hfenv -n '__fish_hfenv_value_of --explain' -a '--explain=table --explain=tsv' -d 'Format of --explain'
complete -c hfenv -n __fish_hfenv_in_options -l probe -d 'Send CONNECT through the https proxy'
complete -c hfenv -n __fish_hfenv_in_options -l timeout -x -d '--probe: seconds for each step'
complete -c hfenv -n __fish_hfenv_in_options -s v -l verbose -d 'Report every change on stderr'
complete -c hfenv -n __fish_hfenv_in_options -s q -l quiet -d 'No warnings'
complete -c hfenv -n __fish_hfenv_in_options -s h -l help -d 'Show the help'
complete -c hfenv -n __fish_hfenv_in_options -s V -l version -d 'Show the version'
complete -c hfenv -n '__fish_hfenv_in_options; and not string match -q -- "-*" (commandline -ct)' -a '(__fish_complete_command)'
complete -c hfenv -n 'not __fish_hfenv_in_options' -a '(__fish_hfenv_complete_command)'
