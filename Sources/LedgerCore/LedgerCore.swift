// LedgerCore: the domain.
