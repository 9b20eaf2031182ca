# Build and test.  Debian 12 dependencies: libbpf-dev libelf-dev zlib1g-dev gcc make.
CC      ?= cc
CFLAGS  ?= -O2 -g
CFLAGS  += -Wall -Wextra -Werror=implicit-function-declaration -std=gnu11 -Isrc
LDLIBS  = -lbpf -lelf -lz

UNIT_TESTS = build/test_fmt build/test_types build/test_emit build/test_probe build/test_consume $(if $(wildcard tests/unit/test_parse.c),build/test_parse)

.PHONY: all check unit deps clean check-scripts conformance
all: build/dtrace $(UNIT_TESTS)

build:
	mkdir -p build

build/test_fmt: tests/unit/test_fmt.c src/fmt.c src/aggfmt.c | build
	$(CC) $(CFLAGS) -o $@ $^

build/test_parse: tests/unit/test_parse.c src/lex.c src/parse.c src/ast.c src/diag.c src/util.c | build
	$(CC) $(CFLAGS) -o $@ $^

build/test_types: tests/unit/test_types.c src/types.c tests/unit/check.h | build
	$(CC) $(CFLAGS) -o $@ $(filter %.c,$^) $(LDLIBS)

# The syscall provider's names and numbers, from the installed uapi header.
UNISTD = /usr/include/x86_64-linux-gnu/asm/unistd_64.h
build/syscalls.h: tools/gen-syscalls.sh $(UNISTD) | build
	sh tools/gen-syscalls.sh $(UNISTD) > $@.tmp && mv $@.tmp $@

PROBE_SRC = src/probe.c src/tracefs.c src/prov_dtrace.c src/prov_syscall.c \
	src/prov_profile.c src/prov_sdt.c src/prov_fbt.c src/kcheck.c \
	src/prov_pid.c src/prov_usdt.c src/elfsym.c src/proc.c src/uprobe.c
build/test_probe: tests/unit/test_probe.c $(PROBE_SRC) src/emit.c src/types.c src/util.c \
		src/probe.h src/emit.h tests/unit/check.h build/syscalls.h | build
	$(CC) $(CFLAGS) -o $@ $(filter %.c,$^) $(LDLIBS)

# The one self-contained binary: every src/*.c.
DTRACE_SRC = $(wildcard src/*.c)
build/dtrace: $(DTRACE_SRC) $(wildcard src/*.h) build/syscalls.h | build
	$(CC) $(CFLAGS) -o $@ $(DTRACE_SRC) $(LDLIBS)

# Record decoding and options, without the kernel (probe_by_id is the test's).
build/test_consume: tests/unit/test_consume.c src/consume.c src/options.c src/util.c src/fmt.c \
		src/stackout.c src/ksym.c src/usym.c \
		src/aggfmt.c src/aggout.c src/spec.c src/destructive.c src/buffer.c src/types.c src/compile.h tests/unit/check.h | build
	$(CC) $(CFLAGS) -o $@ $(filter %.c,$^) $(LDLIBS)

build/test_emit: tests/unit/test_emit.c src/emit.h tests/unit/check.h | build
	$(CC) $(CFLAGS) -o $@ $< $(LDLIBS)

# Every unit test, then the script tests (root, the real kernel); the
# last line totals both as "N passed, N failed".
check: $(UNIT_TESTS) build/dtrace
	@sh tests/run-all "$(UNIT_TESTS)" build/dtrace

unit: $(UNIT_TESTS)
	@sh tests/run-unit $(UNIT_TESTS)

# Script tests (root): tests/scripts/*/tst.*.d and err.*.d against the real kernel.
check-scripts: build/dtrace
	@sh tests/run-scripts build/dtrace

# The shared conformance suite; it measures progress and does not gate CI.
CONFORMANCE = ../shared/conformance
conformance: build/dtrace
	@command -v gawk >/dev/null || apt-get install -y -qq gawk	# its .r.p filters
	@if [ -x $(CONFORMANCE)/run ]; then $(CONFORMANCE)/run --dtrace build/dtrace; \
	else echo "conformance: $(CONFORMANCE)/run not found (the suite lives beside this tree)"; exit 1; fi

# The benchmark (root), beside bpftrace and hand-written libbpf: bench/README.md.
.PHONY: bench
bench: build/dtrace
	@sh bench/run

deps:
	@sh tests/install-deps

clean:
	rm -rf build
