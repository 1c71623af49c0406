#ifndef REDISLINGS_CEDITLINE_SHIM_H
#define REDISLINGS_CEDITLINE_SHIM_H
#include <stdio.h>
#include <histedit.h>

// Variadic libedit calls cannot be made from Swift; these fixed-arity wrappers can.
static inline int redislings_history_setsize(History *h, HistEvent *ev, int size) {
    return history(h, ev, H_SETSIZE, size);
}
static inline int redislings_history_enter(History *h, HistEvent *ev, const char *line) {
    return history(h, ev, H_ENTER, line);
}
static inline int redislings_history_load(History *h, HistEvent *ev, const char *path) {
    return history(h, ev, H_LOAD, path);
}
static inline int redislings_history_save(History *h, HistEvent *ev, const char *path) {
    return history(h, ev, H_SAVE, path);
}
static inline int redislings_history_first(History *h, HistEvent *ev) {
    return history(h, ev, H_FIRST);
}
static inline int redislings_history_next(History *h, HistEvent *ev) {
    return history(h, ev, H_NEXT);
}
static inline int redislings_el_set_prompt(EditLine *el, char *(*prompt)(EditLine *)) {
    return el_set(el, EL_PROMPT, prompt);
}
static inline int redislings_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}
static inline int redislings_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}
static inline int redislings_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}
static inline int redislings_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}
static inline void *redislings_el_get_clientdata(EditLine *el) {
    void *data = 0;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline int redislings_el_add_function(EditLine *el, const char *name, const char *help,
                                             unsigned char (*fn)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int redislings_el_bind(EditLine *el, const char *key, const char *fn) {
    return el_set(el, EL_BIND, key, fn, NULL);
}
static inline int redislings_history_setunique(History *h, HistEvent *ev, int unique) {
    return history(h, ev, H_SETUNIQUE, unique);
}
static inline int redislings_el_set_getcfn(EditLine *el, el_rfunc_t fn) {
    return el_set(el, EL_GETCFN, fn);
}
static inline int redislings_el_refresh(EditLine *el) {
    return el_set(el, EL_REFRESH);
}
#endif
