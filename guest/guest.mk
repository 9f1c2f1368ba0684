# guest.mk — building programs for the emulated machine (included by the
# Makefile).  C guests link with crt0 and the small libc; assembly tests
# (*.S) are standalone and bring their own PSWs.  Each program is built as
# an ELF (for `interpex run`) and as a flat binary (for Hercules).

GCC_GUEST := s390x-linux-gnu-gcc
LD_GUEST  := s390x-linux-gnu-ld
OBJCOPY_GUEST := s390x-linux-gnu-objcopy
GCFLAGS   := -m31 -march=z900 -mesa -msoft-float -ffreestanding -nostdlib \
             -fno-pic -fno-asynchronous-unwind-tables -O2 -Wall -Wextra -I.
GLIBGCC    = $(shell $(GCC_GUEST) -m31 -print-libgcc-file-name)
GBUILD    := $(BUILD)/guest

GLIB_SRCS := $(wildcard guest/lib/*.c guest/lib/*.S)
GLIB_OBJS := $(patsubst %.S,$(GBUILD)/%.o,$(GLIB_SRCS:%.c=$(GBUILD)/%.o)) $(GBUILD)/guest/crt0.o

GTEST_C   := $(wildcard tests/guest/*.c)
GTEST_S   := $(wildcard tests/guest/*.S)
GBENCH_C  := $(wildcard bench/*.c)
GUEST_ELFS := $(GTEST_C:tests/guest/%.c=$(GBUILD)/tests/%.elf) \
              $(GTEST_S:tests/guest/%.S=$(GBUILD)/tests/%.elf) \
              $(GBENCH_C:bench/%.c=$(GBUILD)/bench/%.elf)
# Stand-alone demonstrations (guest/demo): never end, not run by the tests.
GDEMO_C   := $(wildcard guest/demo/*.c)
GUEST_ELFS += $(GDEMO_C:guest/demo/%.c=$(GBUILD)/demo/%.elf)

guest-progs: $(GUEST_ELFS) $(GUEST_ELFS:.elf=.bin)

$(GBUILD)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(GCC_GUEST) $(GCFLAGS) -MMD -MP -c $< -o $@

$(GBUILD)/%.o: %.S | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(GCC_GUEST) $(GCFLAGS) -MMD -MP -c $< -o $@

$(GBUILD)/tests/%.elf: $(GBUILD)/tests/guest/%.o $(GLIB_OBJS) guest/guest.ld
	@mkdir -p $(dir $@)
	$(if $(filter %.S,$(wildcard tests/guest/$*.S)), \
	    $(LD_GUEST) -m elf_s390 -T guest/guest.ld -o $@ $<, \
	    $(LD_GUEST) -m elf_s390 -T guest/guest.ld -o $@ $< $(GLIB_OBJS) $(GLIBGCC))

$(GBUILD)/bench/%.elf: $(GBUILD)/bench/%.o $(GLIB_OBJS) guest/guest.ld
	@mkdir -p $(dir $@)
	$(LD_GUEST) -m elf_s390 -T guest/guest.ld -o $@ $< $(GLIB_OBJS) $(GLIBGCC)

$(GBUILD)/demo/%.elf: $(GBUILD)/guest/demo/%.o $(GLIB_OBJS) guest/guest.ld
	@mkdir -p $(dir $@)
	$(LD_GUEST) -m elf_s390 -T guest/guest.ld -o $@ $< $(GLIB_OBJS) $(GLIBGCC)

%.bin: %.elf
	$(OBJCOPY_GUEST) -O binary $< $@

-include $(shell find $(GBUILD) -name '*.d' 2>/dev/null)
