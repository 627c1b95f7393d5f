"""Where the network drawing puts each actor: allies close, bloc mates near, foes far.

Computed in Python rather than in the page so one analysis always gives the same
picture (networkx has no signed layout).
"""

from __future__ import annotations

import networkx as nx
import numpy as np

# target distances of the network drawing, in units of an ally tie
DISTANCE = {"ally": 1.0, "bloc": 1.4, "none": 2.2, "even": 2.2, "hostile": 2.8, "apart": 4.5}


def stress(target: np.ndarray, seed: int = 7, iterations: int = 200) -> np.ndarray:
    """Points whose distances fit `target`: weighted stress majorization (SMACOF), weights 1/d^2.

    The weights favour short distances, so allies and bloc mates keep their places
    (Gansner, Koren and North, "Graph drawing by stress majorization", 2004).
    """
    n = len(target)
    x = np.random.default_rng(seed).standard_normal((n, 2))
    if n < 2:
        return x * 0.0
    with np.errstate(divide="ignore"):
        w = np.where(target > 0, 1.0 / target**2, 0.0)
    v = np.diag(w.sum(1)) - w
    v_pinv = np.linalg.pinv(v)
    for _ in range(iterations):
        d = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(-1))
        b = -w * target / np.maximum(d, 1e-9)
        np.fill_diagonal(b, 0.0)
        np.fill_diagonal(b, -b.sum(1))
        x = v_pinv @ b @ x
    x -= x.mean(0)
    _, _, axes = np.linalg.svd(x, full_matrices=False)
    return x @ axes.T  # widest spread left to right, to suit a wide box


def spread(x: np.ndarray, gap: float = 0.8, rounds: int = 50) -> np.ndarray:
    """Push apart points nearer than `gap`, so no two actors sit on each other."""
    for _ in range(rounds):
        diff = x[:, None, :] - x[None, :, :]
        d = np.sqrt((diff**2).sum(-1))
        np.fill_diagonal(d, 2 * gap)  # a point never pushes itself
        close = d < gap
        if not close.any():
            break
        push = np.where(close, (gap - d) / np.maximum(d, 1e-6) / 2, 0.0)
        x = x + (diff * push[:, :, None]).sum(1)
    return x


def positions(keys: list[str], ties: list[dict], blocs: list[dict], unit: float = 95.0) -> dict:
    """[x, y] for each key, from the ties ({source, target, polarity}) and blocs ({members})."""
    if not keys:
        return {}
    at = {k: i for i, k in enumerate(keys)}
    target = np.full((len(keys), len(keys)), DISTANCE["none"])
    graph = nx.Graph([(r["source"], r["target"]) for r in ties if r["source"] in at and r["target"] in at])
    graph.add_nodes_from(keys)
    component = {k: n for n, comp in enumerate(nx.connected_components(graph)) for k in comp}
    comp = np.array([component[k] for k in keys])
    target[comp[:, None] != comp[None, :]] = DISTANCE["apart"]  # unconnected conflicts stay apart
    for bloc in blocs:
        members = [at[m] for m in bloc["members"] if m in at]
        for i in members:
            target[i, members] = DISTANCE["bloc"]
    for rel in ties:
        if rel["source"] in at and rel["target"] in at:
            i, j = at[rel["source"]], at[rel["target"]]
            target[i, j] = target[j, i] = DISTANCE[rel["polarity"]]
    np.fill_diagonal(target, 0.0)
    xy = spread(stress(target))
    return {k: [round(float(xy[i, 0]) * unit, 1), round(float(xy[i, 1]) * unit, 1)] for k, i in at.items()}
