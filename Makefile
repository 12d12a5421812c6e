# drama — one Makefile. Targets: all test sanitize bench demo fuzz fuzz-quick clean.
# Every .c under src/ is part of the program; src/cli/main.c holds main().
# Tests: every tests/test_*.c is linked with the program's objects (minus main)
# into one runner, build/test_drama, that prints "N passed, N failed".

CC      ?= cc
PKGS    := jansson cairo pangocairo fontconfig libass libavcodec libavformat libavutil x264 \
           libswscale libswresample fluidsynth libebur128 libcurl libmicrohttpd espeak-ng friso aubio libzip libpng
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
FUZZ_SRCS    := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_TARGETS := $(FUZZ_SRCS:fuzz/fuzz_%.c=%)
FUZZ_REPLAYS := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%)
FUZZ_TIME    ?= 600
FUZZ_WRAP    := -Wl,--wrap=http_do

.PHONY: all deps test test-only sanitize bench demo clean train-rank train-rank-cv fuzz fuzz-quick fuzz-build fuzz-bins
all: drama

deps:
	@./scripts/install-deps.sh
	@[ -d tests/browser/node_modules/playwright-core ] || (cd tests/browser && npm install --no-audit --no-fund --loglevel=error)
	@[ -d tests/peers/node_modules/afterwriting ] || (cd tests/peers && npm install --no-audit --no-fund --loglevel=error)

drama: $(BUILD)/drama
	@ln -sf $(BUILD)/drama drama

$(BUILD)/drama: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/test_drama: $(LIB_OBJS) $(TEST_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/bench_drama: $(LIB_OBJS) $(BENCH_SRCS:%.c=$(BUILD)/%.o)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# the speaker re-ranking's trainer (tools/train_rank.c): prints the cross-validated figures
# and writes data/novel_rank_en.tsv and _zh.tsv
$(BUILD)/train_rank: $(LIB_OBJS) $(BUILD)/tools/train_rank.o
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# what one libx264 encoder per shot costs against one for all (tools/shot_drains.c)
$(BUILD)/shot_drains: $(LIB_OBJS) $(BUILD)/tools/shot_drains.o
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

train-rank: $(BUILD)/train_rank
	DRAMA_DATA=$(abspath data) $(BUILD)/train_rank --write tests/prose data

# the honest transfer figure: each author's texts scored by weights fitted on the other authors'
train-rank-cv: $(BUILD)/train_rank
	$(BUILD)/train_rank --cv tests/prose

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# `make test` installs what is needed, builds, and runs every test.
test: deps
	@$(MAKE) --no-print-directory test-only

# The WAV seeds of the fuzz corpora are made, not kept in git.
WAV_SEEDS := fuzz/corpus/wav/mono48k.wav
$(WAV_SEEDS): fuzz/make_corpus.py
	python3 fuzz/make_corpus.py --wavs

test-only: drama $(BUILD)/test_drama $(FUZZ_REPLAYS) $(WAV_SEEDS)
	DRAMA_BIN=$(abspath $(BUILD)/drama) $(BUILD)/test_drama $(T)

# Same tests under AddressSanitizer + UndefinedBehaviorSanitizer, in their own build folder.
sanitize: deps
	@$(MAKE) --no-print-directory BUILD=build-san SANITIZER=address,undefined test-only-san

test-only-san: $(BUILD)/drama $(BUILD)/test_drama $(FUZZ_REPLAYS) $(WAV_SEEDS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions=$(abspath tests/lsan.supp):print_suppressions=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	DRAMA_BIN=$(abspath $(BUILD)/drama) DRAMA_SANITIZE=1 $(BUILD)/test_drama $(T)

bench: deps drama $(BUILD)/bench_drama
	DRAMA_BIN=$(abspath $(BUILD)/drama) $(BUILD)/bench_drama $(B)

demo: deps drama
	./drama make "ancient time-travel, milk tea shop, prince" -o demo

# ---- fuzzing (fuzz/README): libFuzzer targets built with clang into build-fuzz/ ----
# Each fuzz/fuzz_NAME.c is a target; http_do is wrapped so AI server answers come from
# the input. `make test` replays the seed corpora (fuzz/corpus/NAME) through gcc builds
# of the same entry points ($(BUILD)/fuzz/replay_NAME); `make fuzz` fuzzes each target
# for FUZZ_TIME seconds (default 600), `make fuzz-quick` for 30; FUZZ_ONLY="wav llm_chat" picks targets.
$(BUILD)/fuzz/%.o: CFLAGS += -I.
ifeq ($(CC),clang)
  CFLAGS += -Wno-unknown-warning-option
endif
.SECONDARY: $(FUZZ_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/fuzz/common.o $(BUILD)/fuzz/replay.o
$(BUILD)/fuzz/replay_%: $(BUILD)/fuzz/fuzz_%.o $(BUILD)/fuzz/common.o $(BUILD)/fuzz/replay.o $(LIB_OBJS)
	$(CC) $(LDFLAGS) $(FUZZ_WRAP) -o $@ $^ $(LDLIBS)

$(BUILD)/fuzz_%: $(BUILD)/fuzz/fuzz_%.o $(BUILD)/fuzz/common.o $(LIB_OBJS)
	$(CC) $(LDFLAGS) -fsanitize=fuzzer $(FUZZ_WRAP) -o $@ $^ $(LDLIBS)

fuzz-build: $(WAV_SEEDS)
	@./scripts/install-deps.sh fuzz
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang SANITIZER=fuzzer-no-link,address,undefined fuzz-bins

fuzz-bins: $(FUZZ_TARGETS:%=$(BUILD)/fuzz_%)

fuzz: fuzz-build
	./fuzz/run.sh $(FUZZ_TIME) $(or $(FUZZ_ONLY),$(FUZZ_TARGETS))

fuzz-quick: fuzz-build
	./fuzz/run.sh 30 $(or $(FUZZ_ONLY),$(FUZZ_TARGETS))

clean:
	rm -rf build build-san build-fuzz drama

-include $(OBJS:.o=.d) $(TEST_OBJS:.o=.d) $(wildcard $(BUILD)/tools/*.d) $(BENCH_SRCS:%.c=$(BUILD)/%.d) $(wildcard $(BUILD)/fuzz/*.d)
