module hfenv.test/go-get

go 1.26
