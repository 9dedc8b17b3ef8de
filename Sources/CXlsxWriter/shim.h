#ifndef PROPLEDGER_CXLSXWRITER_SHIM_H
#define PROPLEDGER_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
