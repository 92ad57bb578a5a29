module kueueleuleu/entrypoint

go 1.19
