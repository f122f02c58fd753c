from flask import Blueprint

bp = Blueprint("coaching", __name__)
