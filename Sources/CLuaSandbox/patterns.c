#include "CLuaSandbox.h"
#include <ctype.h>
#include <lauxlib.h>
#include <string.h>

// Lua 5.1's pattern matching (string.find, match, gmatch, gsub) with the same answers and
// errors, but bounded: the matcher backtracks inside C, where the count hook never fires, so a
// pathological pattern could run for hours. Here it counts its steps and asks every few
// thousand whether the script must stop (SCRIPT KILL, the time budget), and it refuses to
// recurse deeper than the C stack safely allows ("pattern too complex", as later Luas say).

enum { MAX_CAPTURES = 32, CAPTURE_UNFINISHED = -1, CAPTURE_POSITION = -2 };
enum { STEPS_BETWEEN_CHECKS = 1 << 14, MAX_DEPTH = 1000 };
static const char ESCAPE = '%';
static const char SPECIALS[] = "^$*+?.([%-";

typedef struct {
    const char *source;
    const char *source_end;
    lua_State *L;
    int level;
    int depth;
    unsigned long steps;
    struct {
        const char *start;
        ptrdiff_t length;
    } captures[MAX_CAPTURES];
} matcher;

static void step(matcher *m) {
    if (++m->steps % STEPS_BETWEEN_CHECKS == 0) redislings_checkpoint(m->L);
}

static int class_matches(int c, int class_letter) {
    int result;
    switch (tolower(class_letter)) {
    case 'a': result = isalpha(c); break;
    case 'c': result = iscntrl(c); break;
    case 'd': result = isdigit(c); break;
    case 'l': result = islower(c); break;
    case 'p': result = ispunct(c); break;
    case 's': result = isspace(c); break;
    case 'u': result = isupper(c); break;
    case 'w': result = isalnum(c); break;
    case 'x': result = isxdigit(c); break;
    case 'z': result = (c == 0); break;
    default: return class_letter == c;
    }
    return islower(class_letter) ? result : !result;
}

// A `[...]` set; `p` is at '[', `last` at the closing ']'.
static int set_matches(int c, const char *p, const char *last) {
    int wanted = 1;
    if (*(p + 1) == '^') {
        wanted = 0;
        p++;
    }
    while (++p < last) {
        if (*p == ESCAPE) {
            p++;
            if (class_matches(c, (unsigned char)*p)) return wanted;
        } else if (*(p + 1) == '-' && p + 2 < last) {
            p += 2;
            if ((unsigned char)*(p - 2) <= c && c <= (unsigned char)*p) return wanted;
        } else if ((unsigned char)*p == c) {
            return wanted;
        }
    }
    return !wanted;
}

// Where the single-character class starting at `p` ends.
static const char *class_end(matcher *m, const char *p) {
    switch (*p++) {
    case '%':
        if (*p == '\0') luaL_error(m->L, "malformed pattern (ends with '%%')");
        return p + 1;
    case '[':
        if (*p == '^') p++;
        do {
            if (*p == '\0') luaL_error(m->L, "malformed pattern (missing ']')");
            if (*(p++) == ESCAPE && *p != '\0') p++;
        } while (*p != ']');
        return p + 1;
    default:
        return p;
    }
}

static int single_matches(int c, const char *p, const char *class_last) {
    switch (*p) {
    case '.': return 1;
    case '%': return class_matches(c, (unsigned char)*(p + 1));
    case '[': return set_matches(c, p, class_last - 1);
    default: return (unsigned char)*p == c;
    }
}

static const char *match(matcher *m, const char *s, const char *p);

static const char *match_balance(matcher *m, const char *s, const char *p) {
    if (*p == '\0' || *(p + 1) == '\0') luaL_error(m->L, "unbalanced pattern");
    if (*s != *p) return NULL;
    int open = *p, close = *(p + 1), depth = 1;
    while (++s < m->source_end) {
        step(m);
        if (*s == close) {
            if (--depth == 0) return s + 1;
        } else if (*s == open) {
            depth++;
        }
    }
    return NULL;
}

static const char *longest_first(matcher *m, const char *s, const char *p, const char *ep) {
    ptrdiff_t count = 0;
    while (s + count < m->source_end && single_matches((unsigned char)s[count], p, ep)) {
        step(m);
        count++;
    }
    for (; count >= 0; count--) {
        const char *end = match(m, s + count, ep + 1);
        if (end != NULL) return end;
    }
    return NULL;
}

static const char *shortest_first(matcher *m, const char *s, const char *p, const char *ep) {
    for (;;) {
        const char *end = match(m, s, ep + 1);
        if (end != NULL) return end;
        if (s < m->source_end && single_matches((unsigned char)*s, p, ep)) s++;
        else return NULL;
    }
}

static const char *open_capture(matcher *m, const char *s, const char *p, ptrdiff_t what) {
    if (m->level >= MAX_CAPTURES) luaL_error(m->L, "too many captures");
    m->captures[m->level].start = s;
    m->captures[m->level].length = what;
    m->level++;
    const char *end = match(m, s, p);
    if (end == NULL) m->level--;
    return end;
}

static const char *close_capture(matcher *m, const char *s, const char *p) {
    int level = m->level - 1;
    while (level >= 0 && m->captures[level].length != CAPTURE_UNFINISHED) level--;
    if (level < 0) luaL_error(m->L, "invalid pattern capture");
    m->captures[level].length = s - m->captures[level].start;
    const char *end = match(m, s, p);
    if (end == NULL) m->captures[level].length = CAPTURE_UNFINISHED;
    return end;
}

static const char *match_back_reference(matcher *m, const char *s, int digit) {
    int index = digit - '1';
    if (index < 0 || index >= m->level || m->captures[index].length == CAPTURE_UNFINISHED)
        luaL_error(m->L, "invalid capture index");
    size_t length = (size_t)m->captures[index].length;
    if ((size_t)(m->source_end - s) >= length && memcmp(m->captures[index].start, s, length) == 0) return s + length;
    return NULL;
}

static const char *match_item(matcher *m, const char *s, const char *p);

static const char *match(matcher *m, const char *s, const char *p) {
    if (++m->depth > MAX_DEPTH) luaL_error(m->L, "pattern too complex");
    const char *end = match_item(m, s, p);
    m->depth--;
    return end;
}

static const char *match_item(matcher *m, const char *s, const char *p) {
    for (;;) {
        step(m);
        switch (*p) {
        case '(':
            if (*(p + 1) == ')') return open_capture(m, s, p + 2, CAPTURE_POSITION);
            return open_capture(m, s, p + 1, CAPTURE_UNFINISHED);
        case ')':
            return close_capture(m, s, p + 1);
        case '\0':
            return s;
        case '$':
            if (*(p + 1) == '\0') return s == m->source_end ? s : NULL;
            break;
        case '%':
            if (*(p + 1) == 'b') {
                s = match_balance(m, s, p + 2);
                if (s == NULL) return NULL;
                p += 4;
                continue;
            }
            if (*(p + 1) == 'f') {
                p += 2;
                if (*p != '[') luaL_error(m->L, "missing '[' after '%%f' in pattern");
                const char *ep = class_end(m, p);
                int previous = (s == m->source) ? '\0' : (unsigned char)*(s - 1);
                if (set_matches(previous, p, ep - 1) || !set_matches((unsigned char)*s, p, ep - 1)) return NULL;
                p = ep;
                continue;
            }
            if (isdigit((unsigned char)*(p + 1))) {
                s = match_back_reference(m, s, (unsigned char)*(p + 1));
                if (s == NULL) return NULL;
                p += 2;
                continue;
            }
            break;
        default:
            break;
        }
        const char *ep = class_end(m, p);
        int matched = s < m->source_end && single_matches((unsigned char)*s, p, ep);
        switch (*ep) {
        case '?': {
            const char *end;
            if (matched && (end = match(m, s + 1, ep + 1)) != NULL) return end;
            p = ep + 1;
            continue;
        }
        case '*': return longest_first(m, s, p, ep);
        case '+': return matched ? longest_first(m, s + 1, p, ep) : NULL;
        case '-': return shortest_first(m, s, p, ep);
        default:
            if (!matched) return NULL;
            s++;
            p = ep;
        }
    }
}

static void reset(matcher *m) {
    m->level = 0;
    m->depth = 0;
}

static void push_capture(matcher *m, int i, const char *s, const char *e) {
    if (i >= m->level) {
        if (i == 0) lua_pushlstring(m->L, s, (size_t)(e - s));
        else luaL_error(m->L, "invalid capture index");
        return;
    }
    ptrdiff_t length = m->captures[i].length;
    if (length == CAPTURE_UNFINISHED) luaL_error(m->L, "unfinished capture");
    if (length == CAPTURE_POSITION) lua_pushinteger(m->L, m->captures[i].start - m->source + 1);
    else lua_pushlstring(m->L, m->captures[i].start, (size_t)length);
}

static int push_captures(matcher *m, const char *s, const char *e) {
    int count = (m->level == 0 && s != NULL) ? 1 : m->level;
    luaL_checkstack(m->L, count, "too many captures");
    for (int i = 0; i < count; i++) push_capture(m, i, s, e);
    return count;
}

static ptrdiff_t relative_position(ptrdiff_t position, size_t length) {
    if (position < 0) position += (ptrdiff_t)length + 1;
    return position >= 0 ? position : 0;
}

static const char *plain_find(const char *s, size_t length, const char *p, size_t pattern_length) {
    if (pattern_length == 0) return s;
    if (pattern_length > length) return NULL;
    const char *last = s + (length - pattern_length);
    for (; s <= last; s++) {
        s = memchr(s, *p, (size_t)(last - s) + 1);
        if (s == NULL) return NULL;
        if (memcmp(s + 1, p + 1, pattern_length - 1) == 0) return s;
    }
    return NULL;
}

static int find_or_match(lua_State *L, int find) {
    size_t length, pattern_length;
    const char *s = luaL_checklstring(L, 1, &length);
    const char *p = luaL_checklstring(L, 2, &pattern_length);
    ptrdiff_t init = relative_position(luaL_optinteger(L, 3, 1), length) - 1;
    if (init < 0) init = 0;
    else if ((size_t)init > length) init = (ptrdiff_t)length;
    if (find && (lua_toboolean(L, 4) || strpbrk(p, SPECIALS) == NULL)) {
        const char *found = plain_find(s + init, length - (size_t)init, p, pattern_length);
        if (found != NULL) {
            lua_pushinteger(L, found - s + 1);
            lua_pushinteger(L, found - s + (ptrdiff_t)pattern_length);
            return 2;
        }
    } else {
        matcher m = {s, s + length, L, 0, 0, 0, {{0}}};
        int anchored = (*p == '^');
        if (anchored) p++;
        const char *start = s + init;
        do {
            reset(&m);
            const char *end = match(&m, start, p);
            if (end != NULL) {
                if (find) {
                    lua_pushinteger(L, start - s + 1);
                    lua_pushinteger(L, end - s);
                    return push_captures(&m, NULL, NULL) + 2;
                }
                return push_captures(&m, start, end);
            }
        } while (start++ < m.source_end && !anchored);
    }
    lua_pushnil(L);
    return 1;
}

static int bounded_find(lua_State *L) { return find_or_match(L, 1); }
static int bounded_match(lua_State *L) { return find_or_match(L, 0); }

static int gmatch_next(lua_State *L) {
    size_t length;
    const char *s = lua_tolstring(L, lua_upvalueindex(1), &length);
    const char *p = lua_tostring(L, lua_upvalueindex(2));
    matcher m = {s, s + length, L, 0, 0, 0, {{0}}};
    for (const char *start = s + lua_tointeger(L, lua_upvalueindex(3)); start <= m.source_end; start++) {
        reset(&m);
        const char *end = match(&m, start, p);
        if (end != NULL) {
            lua_Integer next = end - s;
            if (end == start) next++;
            lua_pushinteger(L, next);
            lua_replace(L, lua_upvalueindex(3));
            return push_captures(&m, start, end);
        }
    }
    return 0;
}

static int bounded_gmatch(lua_State *L) {
    luaL_checkstring(L, 1);
    luaL_checkstring(L, 2);
    lua_settop(L, 2);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, gmatch_next, 3);
    return 1;
}

static void add_replacement_string(matcher *m, luaL_Buffer *b, const char *s, const char *e) {
    size_t length;
    const char *replacement = lua_tolstring(m->L, 3, &length);
    for (size_t i = 0; i < length; i++) {
        if (replacement[i] != ESCAPE) {
            luaL_addchar(b, replacement[i]);
            continue;
        }
        i++;
        if (!isdigit((unsigned char)replacement[i])) {
            luaL_addchar(b, replacement[i]);
        } else if (replacement[i] == '0') {
            luaL_addlstring(b, s, (size_t)(e - s));
        } else {
            push_capture(m, replacement[i] - '1', s, e);
            luaL_addvalue(b);
        }
    }
}

static void add_replacement(matcher *m, luaL_Buffer *b, const char *s, const char *e) {
    lua_State *L = m->L;
    switch (lua_type(L, 3)) {
    case LUA_TNUMBER:
    case LUA_TSTRING:
        add_replacement_string(m, b, s, e);
        return;
    case LUA_TFUNCTION: {
        lua_pushvalue(L, 3);
        int count = push_captures(m, s, e);
        lua_call(L, count, 1);
        break;
    }
    case LUA_TTABLE:
        push_capture(m, 0, s, e);
        lua_gettable(L, 3);
        break;
    }
    if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        lua_pushlstring(L, s, (size_t)(e - s));
    } else if (!lua_isstring(L, -1)) {
        luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    }
    luaL_addvalue(b);
}

static int bounded_gsub(lua_State *L) {
    size_t length;
    const char *s = luaL_checklstring(L, 1, &length);
    const char *p = luaL_checkstring(L, 2);
    int replacement_type = lua_type(L, 3);
    int most = luaL_optint(L, 4, (int)(length + 1));
    int anchored = (*p == '^');
    if (anchored) p++;
    luaL_argcheck(L, replacement_type == LUA_TNUMBER || replacement_type == LUA_TSTRING ||
                     replacement_type == LUA_TFUNCTION || replacement_type == LUA_TTABLE,
                  3, "string/function/table expected");
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    matcher m = {s, s + length, L, 0, 0, 0, {{0}}};
    const char *at = s;
    int count = 0;
    while (count < most) {
        reset(&m);
        step(&m);
        const char *end = match(&m, at, p);
        if (end != NULL) {
            count++;
            add_replacement(&m, &b, at, end);
        }
        if (end != NULL && end > at) at = end;
        else if (at < m.source_end) luaL_addchar(&b, *at++);
        else break;
        if (anchored) break;
    }
    luaL_addlstring(&b, at, (size_t)(m.source_end - at));
    luaL_pushresult(&b);
    lua_pushinteger(L, count);
    return 2;
}

void redislings_install_bounded_patterns(lua_State *L) {
    lua_getglobal(L, "string");
    lua_pushcfunction(L, bounded_find);
    lua_setfield(L, -2, "find");
    lua_pushcfunction(L, bounded_match);
    lua_setfield(L, -2, "match");
    lua_pushcfunction(L, bounded_gmatch);
    lua_setfield(L, -2, "gmatch");
    lua_pushcfunction(L, bounded_gsub);
    lua_setfield(L, -2, "gsub");
    lua_pop(L, 1);
}
