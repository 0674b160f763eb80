/*===- grants.c - Baked and run-time grants ----------------------*- C -*-===*
 *
 * Parses WASM_AOT_GRANTS and applies it to the build's grants, and builds
 * the environment the guest sees. Run-time tokens add grants or narrow the
 * baked ones; a program built with --no-runtime-grants refuses the
 * variable rather than ignoring it, and a narrowing that matches nothing
 * is an error, so a deployment never believes a grant applied (or was
 * withdrawn) when it was not.
 *===----------------------------------------------------------------------===*/
#include "main/grants.h"
#include "main/quantity.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(char *why, size_t size, const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(why, size, format, args);
  va_end(args);
}

/* Grows *array (of `elem` bytes each) to hold one more; false when out of
 * memory. */
static bool grow(void **array, size_t count, size_t elem) {
  void *bigger = realloc(*array, (count + 1) * elem);
  if (bigger == NULL)
    return false;
  *array = bigger;
  return true;
}

/* The index of the directory granted as `guest`, or dir_count. */
static size_t find_dir(const wa_grants *g, const char *guest) {
  size_t i = 0;
  while (i < g->dir_count && strcmp(g->dirs[i].guest_path, guest) != 0)
    ++i;
  return i;
}

/* A guest path names one directory: granting it again replaces the
 * earlier grant (how a run-time --dir-ro narrows a baked --dir). */
static bool add_dir(wa_grants *g, const char *host, const char *guest,
                    bool read_only) {
  size_t i = find_dir(g, guest);
  if (i == g->dir_count) {
    if (!grow((void **)&g->dirs, g->dir_count, sizeof *g->dirs))
      return false;
    ++g->dir_count;
  }
  g->dirs[i].host_path = host;
  g->dirs[i].guest_path = guest;
  g->dirs[i].read_only = read_only;
  return true;
}

/* Removes element i of an array of `count` elements of `elem` bytes. */
static void remove_at(void *array, size_t *count, size_t elem, size_t i) {
  char *bytes = array;
  memmove(bytes + i * elem, bytes + (i + 1) * elem, (*count - i - 1) * elem);
  --*count;
}

static bool add_string(const char ***list, size_t *count, const char *s) {
  if (!grow((void **)list, *count, sizeof **list))
    return false;
  (*list)[(*count)++] = s;
  return true;
}

/* "HOST::GUEST" split in place; the guest path defaults to the host path
 * as written. */
static bool parse_dir(wa_grants *g, char *value, bool read_only, char *why,
                      size_t size) {
  char *sep = strstr(value, "::");
  const char *guest = value;
  if (sep != NULL) {
    *sep = '\0';
    guest = sep + 2;
  }
  if (*value == '\0' || *guest == '\0') {
    fail(why, size, "%s: empty directory in --dir%s", WA_GRANTS_VARIABLE,
         read_only ? "-ro" : "");
    return false;
  }
  if (!add_dir(g, value, guest, read_only)) {
    fail(why, size, "out of memory");
    return false;
  }
  return true;
}

static bool starts_with(const char *s, const char *prefix, const char **rest) {
  size_t n = strlen(prefix);
  if (strncmp(s, prefix, n) != 0)
    return false;
  *rest = s + n;
  return true;
}

/* Length of the NAME part of "NAME=VALUE" or "NAME". */
static size_t name_length(const char *s) {
  const char *eq = strchr(s, '=');
  return eq ? (size_t)(eq - s) : strlen(s);
}

static bool same_name(const char *a, const char *b) {
  size_t n = name_length(a);
  return name_length(b) == n && strncmp(a, b, n) == 0;
}

/* The narrowing tokens: --no-dir=GUEST, --no-env=NAME, --no-inherit-env,
 * --no-tcplisten=ADDR:PORT. *handled is false for any other token. */
static bool parse_narrowing(wa_grants *g, const char *token, bool *handled,
                            char *why, size_t size) {
  const char *value;
  *handled = true;
  if (strcmp(token, "--no-inherit-env") == 0) {
    g->inherit_env = false;
    return true;
  }
  if (starts_with(token, "--no-dir=", &value)) {
    size_t i = find_dir(g, value);
    if (i == g->dir_count) {
      fail(why, size, "%s: '%s': no directory is granted as '%s'",
           WA_GRANTS_VARIABLE, token, value);
      return false;
    }
    remove_at(g->dirs, &g->dir_count, sizeof *g->dirs, i);
    return true;
  }
  if (starts_with(token, "--no-tcplisten=", &value)) {
    size_t i = 0;
    while (i < g->listen_count && strcmp(g->listen[i], value) != 0)
      ++i;
    if (i == g->listen_count) {
      fail(why, size, "%s: '%s': no socket is granted on '%s'",
           WA_GRANTS_VARIABLE, token, value);
      return false;
    }
    remove_at(g->listen, &g->listen_count, sizeof *g->listen, i);
    return true;
  }
  if (starts_with(token, "--no-env=", &value)) {
    if (*value == '\0' || strchr(value, '=') != NULL) {
      fail(why, size, "%s: '%s' is not --no-env=NAME", WA_GRANTS_VARIABLE,
           token);
      return false;
    }
    for (size_t i = g->env_count; i-- > 0;)
      if (same_name(g->env[i], value))
        remove_at(g->env, &g->env_count, sizeof *g->env, i);
    if (!add_string(&g->unset, &g->unset_count, value)) {
      fail(why, size, "out of memory");
      return false;
    }
    return true;
  }
  *handled = false;
  return true;
}

/* The limit tokens: --fuel=N, --timeout=DURATION, --max-memory=SIZE,
 * --stack-size=SIZE. Each may lower a limit or set one the build left
 * open, never raise one. *handled is false for any other token. */
static bool parse_limit(wa_grants *g, const wa_module *module,
                        const char *token, bool *handled, char *why,
                        size_t size) {
  static const struct {
    const char *prefix;
    bool (*parse)(const char *, uint64_t *);
    size_t field; /* offset of the limit in wa_grants */
    uint8_t needs; /* wa_module_checks bits the code must have */
    const char *expected;
  } limits[] = {
      {"--fuel=", wa_parse_count, offsetof(wa_grants, fuel), WA_CHECKS_FUEL,
       "a count of at least 1"},
      {"--timeout=", wa_parse_duration, offsetof(wa_grants, timeout_ns),
       WA_CHECKS_INTERRUPT, "a duration such as 500ms or 10s"},
      {"--max-memory=", wa_parse_size, offsetof(wa_grants, max_memory), 0,
       "a size such as 64MiB"},
      {"--stack-size=", wa_parse_size, offsetof(wa_grants, stack_size), 0,
       "a size such as 8MiB"},
  };
  const char *value;
  *handled = true;
  for (size_t i = 0; i < sizeof limits / sizeof *limits; ++i) {
    if (!starts_with(token, limits[i].prefix, &value))
      continue;
    uint64_t n;
    if (!limits[i].parse(value, &n)) {
      fail(why, size, "%s: '%s': expected %s", WA_GRANTS_VARIABLE, token,
           limits[i].expected);
      return false;
    }
    if ((module->checks & limits[i].needs) != limits[i].needs) {
      fail(why, size,
           "%s: '%s': the program was built without the checks it needs "
           "(build it with --%s)",
           WA_GRANTS_VARIABLE, token,
           limits[i].needs == WA_CHECKS_FUEL ? "meter-fuel" : "interruptible");
      return false;
    }
    uint64_t *limit = (uint64_t *)(void *)((char *)g + limits[i].field);
    if (*limit != 0 && n > *limit) {
      fail(why, size,
           "%s: '%s' would raise a limit the program was built with; the "
           "run-time channel can only lower it",
           WA_GRANTS_VARIABLE, token);
      return false;
    }
    *limit = n;
    return true;
  }
  *handled = false;
  return true;
}

static bool parse_token(wa_grants *g, const wa_module *module, char *token,
                        char *why, size_t size) {
  const char *value;
  bool handled;
  if (!parse_narrowing(g, token, &handled, why, size))
    return false;
  if (handled)
    return true;
  if (!parse_limit(g, module, token, &handled, why, size))
    return false;
  if (handled)
    return true;
  if (strcmp(token, "--inherit-env") == 0) {
    g->inherit_env = true;
    return true;
  }
  if (starts_with(token, "--dir=", &value))
    return parse_dir(g, (char *)value, false, why, size);
  if (starts_with(token, "--dir-ro=", &value))
    return parse_dir(g, (char *)value, true, why, size);
  if (starts_with(token, "--env=", &value)) {
    if (*value == '\0' || *value == '=') {
      fail(why, size, "%s: '%s' names no variable", WA_GRANTS_VARIABLE,
           token);
      return false;
    }
    if (!add_string(&g->env, &g->env_count, value)) {
      fail(why, size, "out of memory");
      return false;
    }
    return true;
  }
  if (starts_with(token, "--tcplisten=", &value)) {
    if (strrchr(value, ':') == NULL) {
      fail(why, size, "%s: '%s' is not ADDR:PORT", WA_GRANTS_VARIABLE, token);
      return false;
    }
    if (!add_string(&g->listen, &g->listen_count, value)) {
      fail(why, size, "out of memory");
      return false;
    }
    return true;
  }
  fail(why, size,
       "%s: unknown grant '%s' (expected --dir=, --dir-ro=, --env=, "
       "--inherit-env, --tcplisten=, --no-dir=, --no-env=, "
       "--no-inherit-env, --no-tcplisten=, --fuel=, --timeout=, "
       "--max-memory= or --stack-size=)",
       WA_GRANTS_VARIABLE, token);
  return false;
}

/* Cuts the next token out of *cursor, in place, the way a POSIX shell
 * splits words: unquoted blanks separate tokens, '...' keeps everything
 * literally, "..." keeps everything but a backslash before " or \, and an
 * unquoted backslash keeps the next character. So a value with blanks can
 * be granted: --env='GREETING=hello world'. False with *token == NULL at
 * the end; false with *token != NULL for an unterminated quote. */
static bool next_token(char **cursor, char **token) {
  char *in = *cursor;
  while (*in == ' ' || *in == '\t' || *in == '\n')
    ++in;
  *token = NULL;
  if (*in == '\0')
    return false;
  char *out = in;
  *token = in;
  char quote = 0;
  for (; *in != '\0'; ++in) {
    char c = *in;
    if (quote == '\'') {
      if (c == '\'')
        quote = 0;
      else
        *out++ = c;
    } else if (quote == '"') {
      if (c == '"')
        quote = 0;
      else if (c == '\\' && (in[1] == '"' || in[1] == '\\'))
        *out++ = *++in;
      else
        *out++ = c;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '\\' && in[1] != '\0') {
      *out++ = *++in;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      ++in;
      break;
    } else {
      *out++ = c;
    }
  }
  *out = '\0';
  *cursor = in;
  return quote == 0;
}

bool wa_grants_collect(const wa_build_config *config,
                       const char *runtime_grants, wa_grants *g, char *why,
                       size_t size) {
  memset(g, 0, sizeof *g);
  for (uint32_t i = 0; i < config->num_dirs; ++i)
    if (!add_dir(g, config->dirs[i].host, config->dirs[i].guest,
                 config->dirs[i].read_only != 0))
      goto oom;
  for (uint32_t i = 0; i < config->num_env; ++i)
    if (!add_string(&g->env, &g->env_count, config->env[i]))
      goto oom;
  for (uint32_t i = 0; i < config->num_listen; ++i)
    if (!add_string(&g->listen, &g->listen_count, config->listen[i]))
      goto oom;
  g->inherit_env = (config->flags & WA_BUILD_INHERIT_ENV) != 0;
  g->fuel = config->fuel;
  g->timeout_ns = config->timeout_ns;
  g->max_memory = config->max_memory;
  g->stack_size = config->stack_size;

  if (runtime_grants == NULL || runtime_grants[strspn(runtime_grants,
                                                      " \t\n")] == '\0')
    return true;
  if (config->flags & WA_BUILD_NO_RUNTIME_GRANTS) {
    fail(why, size,
         "%s is set, but this program was built with --no-runtime-grants; "
         "unset it",
         WA_GRANTS_VARIABLE);
    return false;
  }
  g->storage = strdup(runtime_grants);
  if (g->storage == NULL)
    goto oom;
  char *cursor = g->storage, *token;
  while (next_token(&cursor, &token))
    if (!parse_token(g, config->module, token, why, size))
      return false;
  if (token != NULL) {
    fail(why, size, "%s: unterminated quote in '%s'", WA_GRANTS_VARIABLE,
         token);
    return false;
  }
  return true;

oom:
  fail(why, size, "out of memory");
  return false;
}

/* Sets or replaces the entry for s's name. */
static bool put(const char ***env, size_t *count, const char *s) {
  size_t n = name_length(s);
  for (size_t i = 0; i < *count; ++i)
    if (name_length((*env)[i]) == n && strncmp((*env)[i], s, n) == 0) {
      (*env)[i] = s;
      return true;
    }
  return add_string(env, count, s);
}

const char **wa_grants_environment(const wa_grants *g, char **host_env,
                                   size_t *count) {
  const char **env = NULL;
  *count = 0;
  const size_t variable_length = strlen(WA_GRANTS_VARIABLE);
  if (g->inherit_env && host_env != NULL)
    for (char **e = host_env; *e != NULL; ++e) {
      if (name_length(*e) == variable_length &&
          strncmp(*e, WA_GRANTS_VARIABLE, variable_length) == 0)
        continue;
      bool removed = false;
      for (size_t i = 0; i < g->unset_count && !removed; ++i)
        removed = same_name(*e, g->unset[i]);
      if (!removed && !put(&env, count, *e))
        goto oom;
    }
  for (size_t i = 0; i < g->env_count; ++i) {
    const char *entry = g->env[i];
    if (strchr(entry, '=') == NULL) {
      /* --env NAME: the host's value, if it has one. */
      if (strcmp(entry, WA_GRANTS_VARIABLE) == 0)
        continue;
      const char *value = getenv(entry);
      if (value == NULL)
        continue;
      size_t length = strlen(entry) + 1 + strlen(value) + 1;
      char *joined = malloc(length);
      if (joined == NULL)
        goto oom;
      snprintf(joined, length, "%s=%s", entry, value);
      entry = joined; /* lives until the process exits */
    }
    if (!put(&env, count, entry))
      goto oom;
  }
  if (!add_string(&env, count, NULL))
    goto oom;
  --*count; /* the terminator */
  return env;

oom:
  free(env);
  return NULL;
}

void wa_grants_free(wa_grants *g) {
  free(g->dirs);
  free(g->env);
  free(g->listen);
  free(g->unset);
  free(g->storage);
  memset(g, 0, sizeof *g);
}
