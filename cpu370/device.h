/*
 * device.h — the one interface between the channel subsystem and devices.
 *
 * A device is a Device (its number, its subchannel, its sense bytes and a
 * private state) and a small table of operations, DeviceOps.  The channel
 * subsystem (channel.c) walks the channel program: it fetches and checks
 * each CCW, follows TIC, data chaining, IDAWs, skip, PCI and suspend, and
 * computes incorrect length and the final status.  The device sees one
 * *command* at a time: `start` is called with a DevIo that names the
 * command code, and the device moves bytes with io_fetch() (storage to
 * device: write, control) and io_store() (device to storage: read, sense),
 * then returns its unit status.  The channel program's storage, keys and
 * data-chaining boundaries stay hidden behind those two calls, which never
 * fail loudly: a program or protection check just ends the transfer early
 * (and the channel reports it).
 *
 *   static const DeviceOps rdr_ops = {
 *       .type = "3505", .start = rdr_start, .close = rdr_close,
 *       .sense_id = { 0xFF, 0x35, 0x05, 0x01, 0x35, 0x05, 0x01 }, .sense_id_len = 7,
 *   };
 *
 * Devices run synchronously: `start` returns when the command is complete
 * (channel end and device end together).  Unsolicited status (attention
 * from a console, a reader made ready) goes through dev_attention().
 *
 * Unit status and sense bits: ESA/390 PoO SA22-7201 ch. 16 "I/O
 * interruptions" ("Device status"); S/370 PoO GA22-7000 ch. 13 ("Unit
 * status"); sense byte 0 as common to IBM devices (e.g. GA26-1592 for
 * 3505/3525, GA24-3543 for 1403).
 */
#ifndef CPU370_DEVICE_H
#define CPU370_DEVICE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct Machine Machine;
typedef struct Device Device;
typedef struct DeviceOps DeviceOps;
typedef struct DevIo DevIo;
typedef struct Subchannel Subchannel;

/* ---- Unit status (the device-status byte of the SCSW / CSW) ------------ */
#define US_ATTENTION      0x80
#define US_STATUS_MOD     0x40
#define US_CU_END         0x20
#define US_BUSY           0x10
#define US_CHANNEL_END    0x08
#define US_DEVICE_END     0x04
#define US_UNIT_CHECK     0x02
#define US_UNIT_EXCEPTION 0x01
#define US_CE_DE          (US_CHANNEL_END | US_DEVICE_END)

/* ---- Sense byte 0 --------------------------------------------------------- */
#define SNS0_CMD_REJECT   0x80
#define SNS0_INTERVENTION 0x40
#define SNS0_BUS_OUT      0x20
#define SNS0_EQUIPMENT    0x10
#define SNS0_DATA_CHECK   0x08
#define SNS0_OVERRUN      0x04

/* ---- Command codes common to most devices --------------------------------
 * The two low-order bits say the kind: x1 write, x2 read, x3 control,
 * x4 sense, xC read backward (ESA/390 PoO ch. 15 "Command code"). */
#define CMD_WRITE         0x01
#define CMD_READ          0x02
#define CMD_NOP           0x03
#define CMD_SENSE         0x04
#define CMD_TIC           0x08
#define CMD_READ_BACKWARD 0x0C
#define CMD_SENSE_ID      0xE4

static inline bool cmd_is_write(uint8_t cmd)   { return (cmd & 0x03) == 0x01; }
static inline bool cmd_is_read(uint8_t cmd)    { return (cmd & 0x03) == 0x02; }
static inline bool cmd_is_control(uint8_t cmd) { return (cmd & 0x03) == 0x03; }

/* One command as the device sees it.  The device reads cmd/flags/count and
 * sets `more`; everything else belongs to the channel. */
struct DevIo {
    uint8_t     cmd;        /* command code                                  */
    uint8_t     flags;      /* flags of the CCW that holds the command       */
    bool        chained;    /* reached by command chaining                   */
    uint8_t     prev_cmd;   /* command code of the previous CCW if chained   */
    uint32_t    count;      /* count of that CCW (data chaining may add more) */
    uint32_t    done;       /* bytes moved so far                            */
    bool        more;       /* the device had (or wanted) more bytes than the
                               channel program allowed: incorrect length.
                               io_store() sets it itself.                    */
    Subchannel *sch;        /* the channel's own state                       */
};

/* Move bytes for the current command.  Both follow data chaining and IDAWs,
 * check keys and addresses, and return the number of bytes moved: fewer
 * than n when the count ran out or a check ended the transfer (then 0 from
 * every further call).  io_store() honours the skip flag (counts bytes
 * without storing them) and read backward. */
uint32_t io_fetch(DevIo *io, void *buf, uint32_t n);
uint32_t io_store(DevIo *io, const void *buf, uint32_t n);

struct DeviceOps {
    const char *type;                        /* "3215", "3390", ...          */
    /* Execute one command; return the unit status (normally US_CE_DE). */
    uint8_t (*start)(Device *d, DevIo *io);
    void    (*halt)(Device *d);              /* HSCH, HIO, HDV (optional)    */
    void    (*reset)(Device *d);             /* I/O-system reset, CSCH (opt.) */
    void    (*close)(Device *d);             /* free d->priv (optional)      */
    /* Sense ID data (command X'E4'): X'FF', control-unit type and model,
     * device type and model, then any command-information words. */
    uint8_t sense_id[32];
    uint8_t sense_id_len;
};

struct Device {
    uint16_t         devnum;     /* device number, e.g. 0x0009              */
    uint16_t         subchan;    /* subchannel number, set by css_attach()  */
    const DeviceOps *ops;
    void            *priv;       /* the device's own state                  */
    Machine         *m;          /* set by css_attach()                     */
    uint8_t          sense[32];  /* sense bytes for the next Sense command  */
    uint8_t          sense_len;  /* how many Sense returns (1-32)           */
};

/* ---- Helpers for devices (channel.c) -------------------------------------- */
Device *device_new(const DeviceOps *ops, uint16_t devnum, void *priv);
/* Basic Sense and Sense ID, for a device's `start` switch. */
uint8_t dev_sense(Device *d, DevIo *io);
uint8_t dev_sense_id(Device *d, DevIo *io);
/* Reject the command: sense byte 0 = command reject, status CE DE UC. */
uint8_t dev_reject(Device *d);
/* Set sense byte 0 (the rest zero) and return CE DE UC. */
uint8_t dev_unit_check(Device *d, uint8_t sense0);
/* Present unsolicited status (e.g. attention) when the device is idle;
 * returns false if the subchannel was busy or status pending. */
bool    dev_attention(Device *d, uint8_t status);

#endif
