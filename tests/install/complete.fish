# fish complete.fish LINE: the candidates fish offers for LINE, one a line, from the completions it finds
# itself; of a whole token such as --export=sh, the value after '=', as bash and zsh offer it.
for candidate in (complete -C $argv[1])
    echo candidate: (string replace -r -- '^--[a-z-]+=' '' (string split -f1 \t -- $candidate))
end
