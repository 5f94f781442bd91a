# fish complete.fish LINE: the candidates fish offers for LINE, one a line, from the completions it finds itself.
for candidate in (complete -C $argv[1])
    echo candidate: (string split -f1 \t -- $candidate)
end
