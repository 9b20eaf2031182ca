# Build and test.  Debian 12 dependencies: libbpf-dev libelf-dev zlib1g-dev gcc make.
CC      ?= cc
CFLAGS  ?= -O2 -g
CFLAGS  += -Wall -Wextra -Werror=implicit-function-declaration -std=gnu11 -Isrc
LDLIBS  = -lbpf -lelf -lz

UNIT_TESTS = build/test_fmt build/test_types build/test_emit $(if $(wildcard tests/unit/test_parse.c),build/test_parse)

.PHONY: all check unit deps clean
all: $(UNIT_TESTS)

build:
	mkdir -p build

build/test_fmt: tests/unit/test_fmt.c src/fmt.c src/aggfmt.c | build
	$(CC) $(CFLAGS) -o $@ $^

build/test_parse: tests/unit/test_parse.c src/lex.c src/parse.c src/ast.c src/diag.c src/util.c | build
	$(CC) $(CFLAGS) -o $@ $^

build/test_types: tests/unit/test_types.c src/types.c tests/unit/check.h | build
	$(CC) $(CFLAGS) -o $@ $(filter %.c,$^) $(LDLIBS)

build/test_emit: tests/unit/test_emit.c src/emit.h tests/unit/check.h | build
	$(CC) $(CFLAGS) -o $@ $< $(LDLIBS)

# Runs every unit test; the last line totals them as "N passed, N failed".
check: $(UNIT_TESTS)
	@sh tests/run-unit $(UNIT_TESTS)

deps:
	@sh tests/install-deps

clean:
	rm -rf build
