"""The one path every lint run takes (``check``, ``scan``, ``rule --examples``):

    source ──Post|Problem──▶ engine ──findings──▶ baseline ──▶ reporters ──▶ exit status
    (sources)               (parallel:            (baseline)   (reporters/)   (run.exit_status)
                             workers lint
                             batches in order)

``sources`` reads posts, ``run`` drives them through the engine (on worker processes when
``-j`` asks) and the baseline to every reporter, ``command`` assembles a run from the
command line's options.
"""
