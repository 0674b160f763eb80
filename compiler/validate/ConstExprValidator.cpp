#include "ir/Module.h"
