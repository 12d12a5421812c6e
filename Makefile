# drama — one Makefile. Targets: all test sanitize bench demo clean.
# Every .c under src/ is part of the program; src/cli/main.c holds main().
# Tests: every tests/test_*.c is linked with the program's objects (minus main)
# into one runner, build/test_drama, that prints "N passed, N failed".

CC      ?= cc
PKGS    := jansson cairo pangocairo fontconfig libass libavcodec libavformat libavutil \
           libswscale libswresample fluidsynth libebur128 libcurl libmicrohttpd espeak-ng friso
BUILD   ?= build
SANITIZER ?=
OPT     ?= -O2
CFLAGS  += $(OPT) -g -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wno-format-truncation \
           -pthread -MMD -MP -Isrc $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
FLITE   := -lflite_cmu_us_slt -lflite_cmu_us_rms -lflite_cmu_us_awb -lflite_cmu_us_kal16 \
           -lflite_usenglish -lflite_cmulex -lflite
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) $(FLITE) -lwordnet -lm -pthread
ifneq ($(SANITIZER),)
  CFLAGS  += -fsanitize=$(SANITIZER) -fno-omit-frame-pointer -O1
  LDFLAGS += -fsanitize=$(SANITIZER)
endif

SRCS      := $(sort $(wildcard src/*/*.c))
OBJS      := $(SRCS:%.c=$(BUILD)/%.o)
LIB_OBJS  := $(filter-out $(BUILD)/src/cli/main.o,$(OBJS))
TEST_SRCS := $(sort $(wildcard tests/*.c))
TEST_OBJS := $(TEST_SRCS:%.c=$(BUILD)/%.o)
BENCH_SRCS:= $(sort $(wildcard bench/*.c))

.PHONY: all deps test test-only sanitize bench demo clean
all: drama

deps:
	@./scripts/install-deps.sh
	@[ -d tests/browser/node_modules/playwright-core ] || (cd tests/browser && npm install --no-audit --no-fund --loglevel=error)

drama: $(BUILD)/drama
	@ln -sf $(BUILD)/drama drama

$(BUILD)/drama: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/test_drama: $(LIB_OBJS) $(TEST_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/bench_drama: $(LIB_OBJS) $(BENCH_SRCS:%.c=$(BUILD)/%.o)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# `make test` installs what is needed, builds, and runs every test.
test: deps
	@$(MAKE) --no-print-directory test-only

test-only: drama $(BUILD)/test_drama
	DRAMA_BIN=$(abspath $(BUILD)/drama) $(BUILD)/test_drama $(T)

# Same tests under AddressSanitizer + UndefinedBehaviorSanitizer, in their own build folder.
sanitize: deps
	@$(MAKE) --no-print-directory BUILD=build-san SANITIZER=address,undefined test-only-san

test-only-san: $(BUILD)/drama $(BUILD)/test_drama
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions=$(abspath tests/lsan.supp):print_suppressions=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	DRAMA_BIN=$(abspath $(BUILD)/drama) DRAMA_SANITIZE=1 $(BUILD)/test_drama $(T)

bench: deps drama $(BUILD)/bench_drama
	DRAMA_BIN=$(abspath $(BUILD)/drama) $(BUILD)/bench_drama $(B)

demo: deps drama
	./drama make "ancient time-travel, milk tea shop, prince" -o demo

clean:
	rm -rf build build-san drama

-include $(OBJS:.o=.d) $(TEST_OBJS:.o=.d)
