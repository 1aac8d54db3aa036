"""The Qt interface over ``annotator.core``.

Importing the package first swaps in a cheaper form of the check PySide6 runs on every
module imported after it (`pyside_feature_check`), before the window's modules load.
"""

from annotator.gui.pyside_feature_check import use_fast_feature_check

use_fast_feature_check()
