Foo.bar()
