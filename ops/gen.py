#!/usr/bin/env python3
"""PropLedger sample-data generator (placeholder; helpers first)."""
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_USCC_VAL = {c: i for i, c in enumerate(USCC_ALPHABET)}


def uscc_check(body17):
    """Check character of an 18-char USCC (GB 32100-2015) for its first 17 chars."""
    s = sum(_USCC_VAL[c] * w for c, w in zip(body17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - s % 31) % 31]


def uscc_valid(code):
    return (len(code) == 18 and all(c in _USCC_VAL for c in code)
            and uscc_check(code[:17]) == code[17])


def make_uscc(body17):
    assert len(body17) == 17 and all(c in _USCC_VAL for c in body17), body17
    return body17 + uscc_check(body17)


def apportion(total_fen, weights, keys):
    """Largest-remainder split of total_fen by integer weights; ties by keys order."""
    W = sum(weights)
    base = [total_fen * w // W for w in weights]
    rem = [total_fen * w % W for w in weights]
    left = total_fen - sum(base)
    order = sorted(range(len(weights)), key=lambda i: (-rem[i], keys[i]))
    for i in order[:left]:
        base[i] += 1
    return base
