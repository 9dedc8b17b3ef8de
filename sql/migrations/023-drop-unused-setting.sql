-- 023: remove the setting clearance_verify_days.
--
-- SPEC §2.9 fixes the window ("on resolved_on or within 30 days after it") and report.clearance_cases
-- applies it as written; a setting that `propledger settings set` could change without effect would
-- mislead the bureau. The weights of the company score remain the only settings.
DELETE FROM ledger.settings WHERE key = 'clearance_verify_days';
