#include <arpa/inet.h>
#include <stdint.h>
#include <string.h>

struct packet {
    uint16_t len;
    const unsigned char *data;
};

void read_name(const struct packet *pkt)
{
    char name[64];
    memcpy(name, pkt->data, pkt->len);
}

void read_field(const unsigned char *wire)
{
    unsigned char field[16];
    uint16_t size = ntohs(*(const uint16_t *)wire);
    memcpy(field, wire + 2, size);
}
