-- The national top-up base, corrected (issue 17): 办法 Art. 17 compares the unit's account balance
-- ("业主分户账面住宅专项维修资金余额不足首期交存额30%的，应当及时续交"), and the interest credited to an
-- account is part of that balance (Art. 27: 增值收益 goes into the fund). SPEC §6 says the same: "a unit
-- whose balance (principal and interest) is below the top-up threshold". Migration 002 read the national
-- base as the principal net of interest (first_deposit); it is the whole balance, as 杭州 Art. 71 also says
-- in so many words. The rule row is data: it is corrected here (audited by 011) rather than by editing 002.
UPDATE ledger.rules
SET value = 'principal_and_interest',
    source_zh = '住宅专项维修资金管理办法 第十七条（分户账面余额，含第二十七条转入的增值收益）',
    source_en = 'Measures on the maintenance fund, Art. 17 (the account balance, with the interest credited under Art. 27)'
WHERE jurisdiction = 'national' AND parameter = 'fund.topup_base' AND effective_from = DATE '2008-02-01';
