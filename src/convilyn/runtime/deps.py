"""What every tool and the output function of a phase can see: the phase's request and its progress."""

from __future__ import annotations

from dataclasses import dataclass

from convilyn.runtime.phase import PhaseRequest
from convilyn.runtime.progress import PhaseProgress


@dataclass(frozen=True)
class PhaseDeps:
    request: PhaseRequest
    progress: PhaseProgress
