/* One Pub/Sub fan-out measurement against one server, for Benchmarks/pubsub-fanout.sh.
 *
 *   fanout PORT SUBSCRIBERS plain|pattern UNLOADED LOADED WINDOW
 *
 * S subscribers SUBSCRIBE bench:fan (or PSUBSCRIBE bench:f*); one publisher sends messages that
 * carry a sequence number and the time they were sent. Unloaded: one message at a time, the next
 * only once every subscriber has it. Loaded: as fast as the server takes them, at most WINDOW
 * messages ahead of the slowest subscriber (so no output buffer limit is ever reached and the
 * run is the same for both servers). Every subscriber must get every message once and in order.
 * Prints one line: delivered/s  p50 p99 unloaded (us)  p50 p99 loaded (us)  lost  misordered
 * client-share (the share of one core this client used while loaded: near 1, the client and not
 * the server limits delivered/s).
 *
 * Written in C on hiredis (already a dependency of redislings) so the client costs little next
 * to the server it measures and builds in a second, without a release build of a Swift target. */
#include <hiredis/hiredis.h>
#include <poll.h>
#include <sys/resource.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

/* This process's CPU time so far (user + system), in nanoseconds. */
static uint64_t cpu_ns(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return ((uint64_t)u.ru_utime.tv_sec + (uint64_t)u.ru_stime.tv_sec) * 1000000000ull
        + ((uint64_t)u.ru_utime.tv_usec + (uint64_t)u.ru_stime.tv_usec) * 1000ull;
}

static void die(const char *what, redisContext *c) {
    fprintf(stderr, "Error: %s%s%s\n", what, c ? ": " : "", c ? c->errstr : "");
    exit(1);
}

static int compare(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static double percentile_us(uint64_t *values, size_t count, double p) {
    if (count == 0) return 0;
    qsort(values, count, sizeof *values, compare);
    size_t i = (size_t)(p * (double)(count - 1));
    return (double)values[i] / 1000.0;
}

typedef struct {
    redisContext *c;
    uint64_t next; /* the sequence number this subscriber expects next */
} subscriber;

static int pattern_mode;
static long misordered;
static uint64_t *latencies;
static size_t latency_count, latency_capacity;

/* Reads what a subscriber's socket holds and checks each message. */
static void drain(subscriber *s, int record) {
    if (redisBufferRead(s->c) != REDIS_OK) die("subscriber read", s->c);
    for (;;) {
        redisReply *r = NULL;
        if (redisGetReplyFromReader(s->c, (void **)&r) != REDIS_OK) die("subscriber parse", s->c);
        if (!r) return;
        size_t body = pattern_mode ? 3 : 2;
        if (r->type != REDIS_REPLY_ARRAY || r->elements != body + 1) die("unexpected push", NULL);
        unsigned long long seq = 0, sent = 0;
        if (sscanf(r->element[body]->str, "%llu %llu", &seq, &sent) != 2) die("unexpected message", NULL);
        uint64_t arrived = now_ns();
        if (seq != s->next) misordered++;
        s->next = seq + 1;
        if (record && latency_count < latency_capacity) latencies[latency_count++] = arrived - sent;
        freeReplyObject(r);
    }
}

/* Queues a PUBLISH whose message is "SEQUENCE SENT-NS" (one argument). */
static void publish(redisContext *pub, uint64_t seq) {
    char message[64];
    snprintf(message, sizeof message, "%llu %llu", (unsigned long long)seq, (unsigned long long)now_ns());
    redisAppendCommand(pub, "PUBLISH bench:fan %s", message);
}

static uint64_t slowest(subscriber *subs, int n) {
    uint64_t low = UINT64_MAX;
    for (int i = 0; i < n; i++)
        if (subs[i].next < low) low = subs[i].next;
    return low;
}

int main(int argc, char **argv) {
    if (argc != 7) {
        fprintf(stderr, "usage: fanout PORT SUBSCRIBERS plain|pattern UNLOADED LOADED WINDOW\n");
        return 2;
    }
    int port = atoi(argv[1]), n = atoi(argv[2]);
    pattern_mode = strcmp(argv[3], "pattern") == 0;
    long unloaded = atol(argv[4]), loaded = atol(argv[5]), window = atol(argv[6]);
    if (n < 1 || unloaded < 1 || loaded < 1 || window < 1) die("arguments must be positive", NULL);

    subscriber *subs = calloc((size_t)n, sizeof *subs);
    struct pollfd *fds = calloc((size_t)n + 1, sizeof *fds);
    latency_capacity = (size_t)(unloaded + loaded) * (size_t)n;
    latencies = malloc(latency_capacity * sizeof *latencies);
    for (int i = 0; i < n; i++) {
        subs[i].c = redisConnect("127.0.0.1", port);
        if (!subs[i].c || subs[i].c->err) die("connect", subs[i].c);
        redisReply *r = redisCommand(subs[i].c, pattern_mode ? "PSUBSCRIBE bench:f*" : "SUBSCRIBE bench:fan");
        if (!r || r->type != REDIS_REPLY_ARRAY) die("subscribe", subs[i].c);
        freeReplyObject(r);
        fds[i].fd = subs[i].c->fd;
        fds[i].events = POLLIN;
    }
    redisContext *pub = redisConnect("127.0.0.1", port);
    if (!pub || pub->err) die("connect", pub);
    fds[n].fd = pub->fd;
    fds[n].events = POLLIN;

    uint64_t sent = 0, replied = 0, total = (uint64_t)(unloaded + loaded);
    long wrong_counts = 0;
    uint64_t loaded_start = 0, loaded_end = 0, loaded_cpu_start = 0;
    size_t unloaded_latencies = 0;
    while (slowest(subs, n) < total) {
        int is_loaded = sent >= (uint64_t)unloaded;
        uint64_t low = slowest(subs, n);
        if (!is_loaded && sent == low && sent < (uint64_t)unloaded) {
            publish(pub, sent++);
        } else if (is_loaded) {
            if (!loaded_start && low >= (uint64_t)unloaded) {
                unloaded_latencies = latency_count;
                loaded_start = now_ns();
                loaded_cpu_start = cpu_ns();
            }
            while (loaded_start && sent < total && sent - low < (uint64_t)window && sent - replied < 64) {
                publish(pub, sent++);
            }
        }
        int done = 0;
        while (!done)
            if (redisBufferWrite(pub, &done) != REDIS_OK) die("publish", pub);
        int ready = poll(fds, (nfds_t)n + 1, 5000);
        if (ready < 0) die("poll", NULL);
        if (ready == 0) break; /* nothing for 5 s: what is missing is lost */
        for (int i = 0; i < n; i++)
            if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) drain(&subs[i], 1);
        if (fds[n].revents & (POLLIN | POLLHUP | POLLERR)) {
            if (redisBufferRead(pub) != REDIS_OK) die("publisher read", pub);
            redisReply *r;
            while (redisGetReplyFromReader(pub, (void **)&r) == REDIS_OK && r) {
                if (r->type != REDIS_REPLY_INTEGER || r->integer != n) wrong_counts++;
                replied++;
                freeReplyObject(r);
            }
        }
    }
    loaded_end = now_ns();
    uint64_t loaded_cpu = cpu_ns() - loaded_cpu_start;
    uint64_t delivered = 0;
    for (int i = 0; i < n; i++) delivered += subs[i].next > (uint64_t)unloaded ? subs[i].next - (uint64_t)unloaded : 0;
    long lost = (long)(total * (uint64_t)n) - (long)latency_count;
    double seconds = loaded_start ? (double)(loaded_end - loaded_start) / 1e9 : 0;
    double rate = seconds > 0 ? (double)delivered / seconds : 0;
    double u50 = percentile_us(latencies, unloaded_latencies, 0.50);
    double u99 = percentile_us(latencies, unloaded_latencies, 0.99);
    double l50 = percentile_us(latencies + unloaded_latencies, latency_count - unloaded_latencies, 0.50);
    double l99 = percentile_us(latencies + unloaded_latencies, latency_count - unloaded_latencies, 0.99);
    double share = seconds > 0 ? (double)loaded_cpu / 1e9 / seconds : 0;
    printf("%.0f %.1f %.1f %.1f %.1f %ld %ld %.2f\n", rate, u50, u99, l50, l99, lost + wrong_counts, misordered, share);
    return 0;
}
