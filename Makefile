# interpex — one plain Makefile.  Objects go to build/ (build/asan/ for
# `make check`), dependencies are tracked with -MMD -MP.
#
#   make          build build/interpex
#   make test     build and run every test layer
#   make check    the unit and guest tests under ASan + UBSan
#   make bench    benchmarks, with the ratio to Hercules when installed
#   make run      the main job: the built-in default machine

CC      ?= cc
CFLAGS  ?= -O2 -g
override CFLAGS += -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Wshadow -Wmissing-prototypes \
           -Wno-unused-parameter -MMD -MP -I.
override LDLIBS += -lm -lz -lbz2

# The operator console's line editor: GNU readline, or libedit with
# `make LINEEDIT=edit` (after `make clean`: only console/lineedit.c differs).
ifeq ($(LINEEDIT),edit)
override CFLAGS += -DUSE_LIBEDIT
LINELIBS := -ledit
else
LINELIBS := -lreadline
endif
# The interactive machine runs its CPU in a thread of its own.
override CFLAGS += -pthread
override LDLIBS += -pthread $(LINELIBS)

BUILD   ?= build
SRCS    := $(wildcard cpu370/*.c sie/*.c console/*.c dasd/*.c)
MAIN    := console/main.c
LIBSRCS := $(filter-out $(MAIN),$(SRCS))
OBJS    := $(LIBSRCS:%.c=$(BUILD)/%.o)
TSRCS   := $(wildcard tests/unit/*.c)
TOBJS   := $(TSRCS:%.c=$(BUILD)/%.o)

# The SDL2 window on a 3270 (console/sdlwin.c, sdlview.c) is built when
# pkg-config finds SDL2 and SDL2_ttf.  Recursive variables: pkg-config runs
# when a recipe does, after $(DEPS_STAMP) has installed what was missing.
SDL_CFLAGS = $(shell pkg-config --exists sdl2 SDL2_ttf 2>/dev/null && \
                 echo -DHAVE_SDL $$(pkg-config --cflags sdl2 SDL2_ttf))
SDL_LIBS   = $(shell pkg-config --libs sdl2 SDL2_ttf 2>/dev/null)
override LDLIBS += $(SDL_LIBS)
$(BUILD)/console/sdlwin.o $(BUILD)/console/sdlview.o $(BUILD)/tests/unit/test_sdlwin.o: \
    override CFLAGS += $(SDL_CFLAGS)

# ---- Debian packages the project needs -----------------------------------
PKGS := gcc-s390x-linux-gnu binutils-s390x-linux-gnu lib32gcc-12-dev-s390x-cross \
        libcunit1-dev libreadline-dev libedit-dev libsdl2-dev libsdl2-ttf-dev \
        fonts-3270 hercules s3270 zlib1g-dev libbz2-dev xvfb
DEPS_STAMP := $(BUILD)/.deps-ok

all: $(BUILD)/interpex

# Install whatever is missing (as root, or through sudo), and say so.
$(DEPS_STAMP):
	@mkdir -p $(BUILD)
	@missing=$$(for p in $(PKGS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
	    | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    echo "interpex: installing missing Debian packages:" $$missing; \
	    if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	    $$SUDO apt-get update -q && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing || exit 1; \
	fi
	@touch $@

deps: $(DEPS_STAMP)

$(BUILD)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# Objects are linked directly, not through an archive: the handlers are
# weak references in insn.h, and a weak reference never pulls a member out
# of an archive.
$(BUILD)/interpex: $(BUILD)/$(MAIN:.c=.o) $(OBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/unit-tests: $(TOBJS) $(OBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS) -lcunit

# ---- guest programs (tests/guest, bench) ------------------------------------
include guest/guest.mk

# Guest programs of the DASD tests (tests/dasd/run-dasd-tests.sh).
DASD_GUESTS := $(GBUILD)/dasd/dasdwrite.elf $(GBUILD)/dasd/dasdwrite.bin \
               $(GBUILD)/dasd/dasdpds.elf
$(GBUILD)/dasd/%.elf: $(GBUILD)/tests/dasd/%.o $(GLIB_OBJS) guest/guest.ld
	@mkdir -p $(dir $@)
	$(LD_GUEST) -m elf_s390 -T guest/guest.ld -o $@ $< $(GLIB_OBJS) $(GLIBGCC)
guest-progs: $(DASD_GUESTS)

# ---- tests ----------------------------------------------------------------
test: $(BUILD)/interpex $(BUILD)/unit-tests guest-progs $(BUILD)/guest/demo/demo3270.deck
	$(BUILD)/unit-tests
	tests/run-guest-tests.sh $(BUILD)
	tests/ipl/run-ipl-tests.sh $(BUILD)
	tests/dasd/run-dasd-tests.sh $(BUILD)
	tests/console/run-console-tests.sh $(BUILD)
	tests/console/run-tn3270-tests.sh $(BUILD)
	tests/console/run-sdl-tests.sh $(BUILD)
	tests/hercules/run-hercules-tests.sh $(BUILD)
	$(MAKE) --no-print-directory random-diff-progs && tests/hercules/run-random-diff.sh $(BUILD) 1 200
	@echo "make test: all layers passed"

check:
	$(MAKE) BUILD=build/asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    LDLIBS="-fsanitize=address,undefined" build/asan/interpex build/asan/unit-tests guest-progs \
	    build/asan/guest/demo/demo3270.deck
	ASAN_OPTIONS=detect_leaks=1 build/asan/unit-tests
	tests/run-guest-tests.sh build/asan
	tests/dasd/run-dasd-tests.sh build/asan
	ASAN_OPTIONS=detect_leaks=1 tests/console/run-console-tests.sh build/asan
	ASAN_OPTIONS=detect_leaks=1 tests/console/run-tn3270-tests.sh build/asan
	@echo "make check: clean under ASan + UBSan"

bench: $(BUILD)/interpex guest-progs
	bench/run-bench.sh $(BUILD) $(RUNS)

# The default machine (no -f) IPLs the demonstration program from this deck
# in its card reader (console/interactive.c looks for it next to interpex).
$(BUILD)/mkdeck: tests/ipl/mkdeck.c tests/ipl/iplrec.h | $(DEPS_STAMP)
	$(CC) -O2 -Wall -Wextra -o $@ $<

$(BUILD)/guest/demo/demo3270.deck: $(BUILD)/guest/demo/demo3270.bin $(BUILD)/mkdeck
	$(BUILD)/mkdeck --load 10000 $< $@

run: $(BUILD)/interpex $(BUILD)/guest/demo/demo3270.deck
	$(BUILD)/interpex

clean:
	rm -rf build

.PHONY: all deps test check bench run clean guest-progs

-include $(OBJS:.o=.d) $(TOBJS:.o=.d) $(BUILD)/$(MAIN:.c=.d)

# ---- random differential runs against Hercules (tests/hercules) -------------
# BUILD/randgen writes random instruction streams as core images; the
# scenario programs (tests/hercules/scenarios/*.S: DAT, keys, prefixing,
# SVC, BC mode, timers) are assembled into core images linked at 0.
# run-random-diff.sh runs both on interpex and on Hercules and compares.
# `make test` runs 200 seeds per architecture; `make diff-long SEEDS=N`
# runs N seeds (default 2000) per architecture starting at FIRST (1000).
RANDGEN_SRCS := tests/hercules/randgen.c tests/hercules/units.c
HSCEN_SRCS   := $(wildcard tests/hercules/scenarios/*.S)
HSCEN_BINS   := $(HSCEN_SRCS:tests/hercules/scenarios/%.S=$(BUILD)/hscen/%.bin)

$(BUILD)/randgen: $(RANDGEN_SRCS) tests/hercules/randgen.h | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(filter-out -MMD -MP,$(CFLAGS)) -o $@ $(RANDGEN_SRCS)

$(BUILD)/hscen/%.bin: tests/hercules/scenarios/%.S tests/hercules/scenarios/hx.h $(wildcard tests/hercules/scenarios/*.inc) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(GCC_GUEST) -m31 -march=z900 -mesa -c $< -o $(@:.bin=.o)
	$(LD_GUEST) -m elf_s390 -Ttext=0 -e 0 -o $(@:.bin=.elf) $(@:.bin=.o)
	$(OBJCOPY_GUEST) -O binary $(@:.bin=.elf) $@

random-diff-progs: $(BUILD)/interpex $(BUILD)/randgen $(HSCEN_BINS)

diff-long: random-diff-progs
	tests/hercules/run-random-diff.sh $(BUILD) $(or $(FIRST),1000) $(or $(SEEDS),2000)

.PHONY: diff-long random-diff-progs

# ---- fuzzing (clang libFuzzer + ASan + UBSan) -----------------------------
FUZZ_CFLAGS := -g -O1 -std=c11 -D_DEFAULT_SOURCE -I. -fsanitize=fuzzer,address,undefined
build/fuzz/%: tests/fuzz/%.c $(LIBSRCS) $(wildcard cpu370/*.h cpu370/*.def)
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -o $@ $< $(LIBSRCS) $(LDLIBS)

# New inputs go to build/fuzz/corpus; tests/fuzz/corpus holds the seeds.
fuzz: build/fuzz/fuzz_insn
	@mkdir -p build/fuzz/corpus
	build/fuzz/fuzz_insn -max_total_time=$(or $(FUZZ_SECONDS),60) build/fuzz/corpus tests/fuzz/corpus

# SIE: random state descriptions and guest code (tests/fuzz/fuzz_sie.c);
# seeds in tests/fuzz/corpus_sie, new inputs in build/fuzz/corpus_sie.
fuzz-sie: build/fuzz/fuzz_sie
	@mkdir -p build/fuzz/corpus_sie
	build/fuzz/fuzz_sie -max_total_time=$(or $(FUZZ_SECONDS),60) build/fuzz/corpus_sie tests/fuzz/corpus_sie
.PHONY: fuzz-sie

.PHONY: fuzz
