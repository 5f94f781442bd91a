# fish complete.fish LINE: the candidates fish offers for LINE, one a line, from the completions it finds
# itself, HFENV_COMPLETION_DIR first; of a whole token such as --export=sh, the value after '=', as bash and zsh offer it.
set -q HFENV_COMPLETION_DIR; and set -p fish_complete_path $HFENV_COMPLETION_DIR
for candidate in (complete -C $argv[1])
    echo candidate: (string replace -r -- '^--[a-z-]+=' '' (string split -f1 \t -- $candidate))
end
