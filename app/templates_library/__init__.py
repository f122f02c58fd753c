"""The library of proven methods (templates): browse, choose, adopt, edit (workflow 2)."""
