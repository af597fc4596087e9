"""The two matchers (package-private): optimal b-matching and deferred acceptance.

The optimal matcher expands each mentor into capacity slots and solves a
minimum-weight full bipartite matching with SciPy's sparse solver on
integer-scaled scores (exact, with ties broken toward lower NIPs); the stable
matcher runs mentee-proposing deferred acceptance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asn_competency.errors import ValidationError
from asn_competency.matching._candidates import Candidates, _Instance, _weights

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = []


# Scores are optimised as float64 sums of integers; keep every sum exact.
_EXACT_LIMIT = 2**53


def _solve_optimal(cand: Candidates, inst: _Instance) -> npt.NDArray[np.int64]:
    """Return the indices of the chosen candidate pairs (maximum total weight).

    The bipartite graph is split into connected components (one per unit when the
    policy keeps mentors in the mentee's unit); small components are solved
    together, as one block-diagonal problem, to save calls.
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light
    from scipy.sparse import coo_matrix  # type: ignore[import-untyped, unused-ignore]  # noqa: PLC0415
    from scipy.sparse.csgraph import (  # type: ignore[import-untyped, unused-ignore]  # noqa: PLC0415
        connected_components,
    )

    n_pairs = len(cand.pair_mentee)
    if n_pairs == 0:
        return np.zeros(0, dtype=np.int64)
    weight, _ = _weights(cand, inst)
    n_e, n_m = len(inst.mentees), len(inst.mentors)
    size = n_e + n_m
    adjacency = coo_matrix(
        (np.ones(n_pairs), (cand.pair_mentee, n_e + cand.pair_mentor)), shape=(size, size)
    )
    n_comp, label = connected_components(adjacency, directed=False)
    pair_label = np.asarray(label, dtype=np.int64)[cand.pair_mentee]
    order = np.argsort(pair_label, kind="stable")
    bounds = np.searchsorted(pair_label[order], np.arange(n_comp + 1))
    rows_per_comp = np.bincount(np.asarray(label, dtype=np.int64)[: max(n_e, 0)], minlength=n_comp)
    chosen: list[npt.NDArray[np.int64]] = []
    batch_start = 0
    batch_rows = 0
    for c in range(n_comp):
        batch_rows += int(rows_per_comp[c])
        if batch_rows >= _BATCH_ROWS or c == n_comp - 1:
            picked = order[bounds[batch_start] : bounds[c + 1]]
            if len(picked):
                chosen.append(_solve_block(np.sort(picked), cand, weight, inst.capacity))
            batch_start, batch_rows = c + 1, 0
    return np.sort(np.concatenate(chosen)) if chosen else np.zeros(0, dtype=np.int64)


# Components are solved in batches of at least this many mentees.
_BATCH_ROWS = 256


def _solve_block(
    picked: npt.NDArray[np.int64],
    cand: Candidates,
    weight: npt.NDArray[np.int64],
    capacity: tuple[int, ...],
) -> npt.NDArray[np.int64]:
    """Solve the assignment problem on some candidate pairs; return the chosen ones."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped, unused-ignore]  # noqa: PLC0415
    from scipy.sparse.csgraph import (  # type: ignore[import-untyped, unused-ignore]  # noqa: PLC0415
        min_weight_full_bipartite_matching,
    )

    mentee = cand.pair_mentee[picked]
    mentor = cand.pair_mentor[picked]
    w = weight[picked]
    rows_used, row = np.unique(mentee, return_inverse=True)
    mentors_used, col_m = np.unique(mentor, return_inverse=True)
    n_rows = len(rows_used)
    # Each mentor becomes as many slots as its capacity, but never more than it can fill.
    caps = np.asarray(capacity, dtype=np.int64)[mentors_used]
    slots = np.minimum(caps, np.bincount(col_m, minlength=len(mentors_used)))
    first_slot = np.cumsum(slots) - slots
    n_slots = int(slots.sum())
    reps = slots[col_m]
    edge_pair = np.repeat(np.arange(len(picked), dtype=np.int64), reps)
    offset = np.arange(len(edge_pair), dtype=np.int64) - np.repeat(np.cumsum(reps) - reps, reps)
    col = first_slot[col_m][edge_pair] + offset
    # Break ties toward lower NIPs (mentees first, then mentors) with a secondary term
    # too small to change the optimum, when the block's sums stay exact in float64.
    n_cols = len(mentors_used)
    tie = (n_rows - row) * (n_cols + 1) + (n_cols - col_m)
    spread = n_rows * (n_rows * (n_cols + 1) + n_cols) + 1
    if (int(w.max()) + 1) * spread * n_rows < _EXACT_LIMIT:
        w = w * spread + tie
    # Costs are positive integers: ceiling - weight for a pair, ceiling for "unmatched".
    ceiling = int(w.max()) + 1
    if ceiling * n_rows >= _EXACT_LIMIT:
        raise ValidationError(
            "score_decimals", "fewer decimals for an instance this large", ceiling
        )
    cost = np.concatenate([ceiling - w[edge_pair], np.full(n_rows, ceiling)])
    rows = np.concatenate([row[edge_pair], np.arange(n_rows)])
    cols = np.concatenate([col, n_slots + np.arange(n_rows)])
    matrix = csr_matrix((cost.astype(np.float64), (rows, cols)), shape=(n_rows, n_slots + n_rows))
    r_ind, c_ind = min_weight_full_bipartite_matching(matrix)
    r_ind = np.asarray(r_ind, dtype=np.int64)
    c_ind = np.asarray(c_ind, dtype=np.int64)
    real = c_ind < n_slots
    owner = np.repeat(np.arange(len(mentors_used), dtype=np.int64), slots)
    # Map (row, mentor) back to the candidate pair: pairs are sorted by mentee, then mentor.
    key = row * len(mentors_used) + col_m
    wanted = r_ind[real] * len(mentors_used) + owner[c_ind[real]]
    local: npt.NDArray[np.int64] = np.searchsorted(key, wanted)
    return picked[local]


def _solve_stable(cand: Candidates, inst: _Instance) -> npt.NDArray[np.int64]:
    """Mentee-proposing deferred acceptance with capacities; ties broken by NIP."""
    import heapq  # noqa: PLC0415

    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    n_pairs = len(cand.pair_mentee)
    if n_pairs == 0:
        return np.zeros(0, dtype=np.int64)
    weight, pair_prio = _weights(cand, inst)
    # Mentees rank mentors by score (highest first), then by NIP.
    proposal = np.lexsort((cand.pair_mentor, -cand.score_int, cand.pair_mentee))
    # Mentors rank mentees by priority, then score, then NIP: a smaller rank is better.
    by_mentor = np.lexsort((cand.pair_mentee, -weight, -pair_prio.astype(np.int64)))
    rank = np.empty(n_pairs, dtype=np.int64)
    rank[by_mentor] = np.arange(n_pairs)
    prop_list = proposal.tolist()
    mentee_of = cand.pair_mentee.tolist()
    mentor_of = cand.pair_mentor.tolist()
    rank_of = rank.tolist()
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    for pos, k in enumerate(prop_list):
        j = mentee_of[k]
        starts.setdefault(j, pos)
        ends[j] = pos + 1
    nxt = dict(starts)
    held: list[list[tuple[int, int]]] = [[] for _ in inst.mentors]
    free = sorted(starts, reverse=True)
    while free:
        j = free.pop()
        while nxt[j] < ends[j]:
            k = prop_list[nxt[j]]
            nxt[j] += 1
            i = mentor_of[k]
            heap = held[i]
            if len(heap) < inst.capacity[i]:
                heapq.heappush(heap, (-rank_of[k], k))
                break
            worst_rank, worst_k = heap[0]
            if rank_of[k] < -worst_rank:
                heapq.heapreplace(heap, (-rank_of[k], k))
                free.append(mentee_of[worst_k])
                break
    chosen = sorted(k for heap in held for _, k in heap)
    return np.asarray(chosen, dtype=np.int64)
