"""Signed PDF output: the clinician summary, the nurse summary, signing and verification.

Heavy libraries (ReportLab, pyHanko) are imported only by the modules that need them; import
``leptodesk.export`` for the public interface.
"""
