/* stackout.h - the consumer's symbol and stack printing (stackout.c). */
#ifndef DT_STACKOUT_H
#define DT_STACKOUT_H

#include "fmt.h"

struct dprog;

void stack_env(struct dprog *dp, struct fmt_env *env);

#endif
