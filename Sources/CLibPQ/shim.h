#ifndef PROPLEDGER_CLIBPQ_SHIM_H
#define PROPLEDGER_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
